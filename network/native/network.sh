#!/usr/bin/env bash
# Custodia's Fabric 2.5 network on one machine, without Docker (in the style of
# fabric-samples' test-network): one Raft orderer (OrdererOrg), two institutions (Org1,
# Org2) with one peer each, the channel "custodia", and the Custodia chaincode run as a
# service (CCaaS), one chaincode server per institution.
#
#   network.sh up        crypto (if absent) + config, start orderer and peers, create and join the channel
#   network.sh deploy    package (ccaas), install, approve, commit; start the chaincode servers
#                        (CC_PACKAGE=java: the standard Java package, launched by the peers)
#   network.sh status    processes, ports, channel heights, committed chaincode
#   network.sh env ORG [admin|gateway|auditor]   print exports for the peer CLI as that identity
#   network.sh stop NODE | start NODE | restart NODE   one node: orderer0, peer0.org1, peer0.org2,
#                        ccaas-org1, ccaas-org2 (its ledger and config are kept)
#   network.sh down      stop what up/deploy started (pid files) and delete ledgers and logs
#   network.sh clean     down, then delete the crypto material too
#
# Fabric binaries (peer, orderer, configtxgen, osnadmin, cryptogen) come from $FABRIC_BIN
# if set, else from PATH. Nothing here builds Fabric.
# Runtime state lives in $CUSTODIA_NET_DIR (default network/native/.run, git-ignored).
# CUSTODIA_RUNTIME=docker starts the same nodes with ../docker/compose.yaml instead of as
# local processes (same config, host networking; see docs/fabric.md).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
RUN=${CUSTODIA_NET_DIR:-$HERE/.run}
mkdir -p "$RUN"
RUN=$(cd "$RUN" && pwd)
CRYPTO=$RUN/crypto            # kept by `down` so certificates and package IDs stay stable
STATE=$RUN/state              # ledgers, logs, pid files, rendered config: removed by `down`
CONNECTIONS=$RUN/connections  # per-institution connection files for the gateway
BUILDERS=$HERE/builders
RUNTIME=${CUSTODIA_RUNTIME:-native}
COMPOSE_FILE=$HERE/../docker/compose.yaml

CHANNEL=custodia
CC_NAME=${CC_NAME:-custodia}
CC_VERSION=${CC_VERSION:-1.0}
CC_SEQUENCE=${CC_SEQUENCE:-1}
CC_LABEL=${CC_NAME}_${CC_VERSION}
# Every transaction needs an endorsement from both institutions (see docs/fabric.md).
CC_POLICY=${CC_POLICY:-"AND('Org1MSP.peer','Org2MSP.peer')"}

ORDERER_PORT=${ORDERER_PORT:-7050}
ORDERER_ADMIN_PORT=${ORDERER_ADMIN_PORT:-7053}
ORDERER_OPS_PORT=${ORDERER_OPS_PORT:-9443}
PEER1_PORT=${PEER1_PORT:-7051}
PEER1_CC_PORT=${PEER1_CC_PORT:-7052}
PEER1_OPS_PORT=${PEER1_OPS_PORT:-9444}
PEER2_PORT=${PEER2_PORT:-9051}
PEER2_CC_PORT=${PEER2_CC_PORT:-9052}
PEER2_OPS_PORT=${PEER2_OPS_PORT:-9445}
CCAAS1_PORT=${CCAAS1_PORT:-7060}
CCAAS2_PORT=${CCAAS2_PORT:-9060}
CC_START_TIMEOUT=${CC_START_TIMEOUT:-120}

ORDERER_ORG=$CRYPTO/ordererOrganizations/orderer.custodia.test
ORDERER_NODE=$ORDERER_ORG/orderers/orderer0.orderer.custodia.test
ORDERER_CA=$ORDERER_ORG/tlsca/tlsca.orderer.custodia.test-cert.pem
ORDERER_ADMIN_TLS=$ORDERER_ORG/users/Admin@orderer.custodia.test/tls

log() { printf '%s [network] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- organisations ---------------------------------------------------------------------
org_domain() { echo "org$1.custodia.test"; }
org_dir() { echo "$CRYPTO/peerOrganizations/$(org_domain "$1")"; }
org_msp() { echo "Org$1MSP"; }
peer_name() { echo "peer0.$(org_domain "$1")"; }
peer_port() { local v="PEER$1_PORT"; echo "${!v}"; }
ccaas_port() { local v="CCAAS$1_PORT"; echo "${!v}"; }
peer_tls_ca() { echo "$(org_dir "$1")/tlsca/tlsca.$(org_domain "$1")-cert.pem"; }
user_msp() { # ORG USER -> MSP dir of that user (admin, gateway, auditor)
  case "$2" in
    admin) echo "$(org_dir "$1")/users/Admin@$(org_domain "$1")/msp" ;;
    *) echo "$(org_dir "$1")/users/$2@$(org_domain "$1")/msp" ;;
  esac
}

# ---- binaries --------------------------------------------------------------------------
bin() {
  if [[ -n "${FABRIC_BIN:-}" ]]; then
    [[ -x "$FABRIC_BIN/$1" ]] || die "$1 not found in FABRIC_BIN=$FABRIC_BIN"
    echo "$FABRIC_BIN/$1"
  else
    command -v "$1" || die "$1 not on PATH; install Fabric 2.5 binaries and set FABRIC_BIN or PATH"
  fi
}
# The binary to start a node with: a host path natively; in Docker mode the image has it.
node_bin() { if [[ "$RUNTIME" == docker ]]; then echo "$1"; else bin "$1"; fi; }
check_tools() {
  local t
  for t in peer configtxgen osnadmin cryptogen; do bin "$t" >/dev/null; done
  [[ "$RUNTIME" == docker ]] || bin orderer >/dev/null
  command -v openssl >/dev/null || die "openssl is required (identity and chaincode TLS certificates)"
  local v; v=$("$(bin peer)" version | sed -n 's/^ Version: //p')
  [[ "$v" == 2.5.* ]] || log "warning: peer version is '$v'; this network is made for Fabric 2.5"
}

# ---- helpers ---------------------------------------------------------------------------
render() { # TEMPLATE OUT KEY=VALUE...
  local tmpl=$1 out=$2; shift 2
  local args=() kv
  for kv in "$@"; do args+=(-e "s|@${kv%%=*}@|${kv#*=}|g"); done
  mkdir -p "$(dirname "$out")"
  sed "${args[@]}" "$tmpl" > "$out"
  if grep -q '@[A-Z0-9_]*@' "$out"; then die "unrendered placeholder in $out"; fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # PORT TIMEOUT_S WHAT
  local i
  for ((i = 0; i < $2 * 5; i++)); do
    port_open "$1" && return 0
    sleep 0.2
  done
  die "$3 did not open 127.0.0.1:$1 within $2 s (logs: $STATE/logs)"
}

require_ports_free() {
  local p
  for p in "$@"; do
    if port_open "$p"; then die "127.0.0.1:$p is already in use"; fi
  done
}

start_process() { # NAME ENVFILE COMMAND... (native: detached process + pid file; docker: compose service)
  local name=$1 envfile=$2; shift 2
  mkdir -p "$STATE/pids" "$STATE/logs"
  if [[ "$RUNTIME" == docker ]]; then
    compose up -d "$name" >&2
    return
  fi
  (
    # CORE_*/ORDERER_* exported in the caller's shell (e.g. by `eval "$(network.sh env 1 admin)"`)
    # would override the node's own configuration: a restarted peer would take Org1's MSP.
    # shellcheck disable=SC2046
    unset $(compgen -e | grep -E '^(CORE|ORDERER)_') FABRIC_CFG_PATH
    set -a
    # shellcheck disable=SC1090
    [[ -n "$envfile" ]] && . "$envfile"
    set +a
    exec setsid nohup "$@" > "$STATE/logs/$name.log" 2>&1 < /dev/null
  ) &
  echo $! > "$STATE/pids/$name.pid"
}

compose() {
  command -v docker >/dev/null || die "CUSTODIA_RUNTIME=docker needs docker"
  CUSTODIA_NET_DIR=$RUN CUSTODIA_BUILDERS=$BUILDERS CUSTODIA_CHAINCODE_JAR=${CHAINCODE_JAR:-$(chaincode_jar)} \
    docker compose -f "$COMPOSE_FILE" "$@"
}

stop_processes() {
  local f pid name
  shopt -s nullglob
  for f in "$STATE"/pids/*.pid; do
    pid=$(cat "$f"); name=$(basename "$f" .pid)
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for f in "$STATE"/pids/*.pid; do
    pid=$(cat "$f")
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$f"
  done
  shopt -u nullglob
}

# Environment for the peer CLI acting as USER of ORG against that org's peer.
peer_env() { # ORG USER
  cat <<EOF
export FABRIC_CFG_PATH=$STATE/$(peer_name "$1")
export CORE_PEER_LOCALMSPID=$(org_msp "$1")
export CORE_PEER_MSPCONFIGPATH=$(user_msp "$1" "$2")
export CORE_PEER_ADDRESS=127.0.0.1:$(peer_port "$1")
export CORE_PEER_TLS_ENABLED=true
export CORE_PEER_TLS_ROOTCERT_FILE=$(peer_tls_ca "$1")
export ORDERER_ADDRESS=127.0.0.1:$ORDERER_PORT
export ORDERER_CA=$ORDERER_CA
EOF
}
as() { # ORG USER COMMAND... : run a peer CLI command as that identity
  local org=$1 user=$2; shift 2
  ( eval "$(peer_env "$org" "$user")"; "$@" )
}

# ---- up --------------------------------------------------------------------------------
generate_crypto() {
  if [[ -d "$CRYPTO/peerOrganizations" ]]; then
    log "crypto material present in $CRYPTO (delete with 'network.sh clean' to regenerate)"
  else
    log "generating crypto material with cryptogen"
    "$(bin cryptogen)" generate --config "$HERE/config/crypto-config.yaml" --output "$CRYPTO" >/dev/null
  fi
  # Client identities with the custodia.role attribute, signed by each org's CA.
  "$HERE/issue-identity.sh" "$(org_dir 1)" gateway '{"custodia.role":"institution"}'
  "$HERE/issue-identity.sh" "$(org_dir 2)" gateway '{"custodia.role":"institution"}'
  # One auditor identity per institution: each institution runs its own gateway, store and
  # identity provider, so its auditors (data-protection officer, ethics board) use its gateway.
  "$HERE/issue-identity.sh" "$(org_dir 1)" auditor '{"custodia.role":"auditor"}'
  "$HERE/issue-identity.sh" "$(org_dir 2)" auditor '{"custodia.role":"auditor"}'
}

write_config() {
  local common=(CRYPTO="$CRYPTO" ORDERER_PORT="$ORDERER_PORT" PEER1_PORT="$PEER1_PORT" PEER2_PORT="$PEER2_PORT")
  render "$HERE/config/configtx.yaml.tmpl" "$STATE/config/configtx.yaml" "${common[@]}"
  render "$HERE/config/orderer.yaml.tmpl" "$STATE/orderer0/orderer.yaml" \
    ORDERER_PORT="$ORDERER_PORT" ORDERER_ADMIN_PORT="$ORDERER_ADMIN_PORT" ORDERER_OPS_PORT="$ORDERER_OPS_PORT" \
    NODE_TLS="$ORDERER_NODE/tls" NODE_MSP="$ORDERER_NODE/msp" STATE="$STATE/orderer0/data"
  local org
  for org in 1 2; do
    local cc_var="PEER${org}_CC_PORT" ops_var="PEER${org}_OPS_PORT" node
    node="$(org_dir "$org")/peers/$(peer_name "$org")"
    render "$HERE/config/core.yaml.tmpl" "$STATE/$(peer_name "$org")/core.yaml" \
      PEER_NAME="$(peer_name "$org")" PEER_PORT="$(peer_port "$org")" PEER_CC_PORT="${!cc_var}" \
      PEER_OPS_PORT="${!ops_var}" NODE_TLS="$node/tls" NODE_MSP="$node/msp" MSP_ID="$(org_msp "$org")" \
      STATE="$STATE/$(peer_name "$org")/data" BUILDERS="$BUILDERS"
  done
}

start_orderer() {
  log "starting orderer0 on 127.0.0.1:$ORDERER_PORT (admin $ORDERER_ADMIN_PORT)"
  start_process orderer0 "" env FABRIC_CFG_PATH="$STATE/orderer0" "$(node_bin orderer)"
}

start_peer() { # ORG
  log "starting $(peer_name "$1") on 127.0.0.1:$(peer_port "$1")"
  start_process "$(peer_name "$1")" "" env FABRIC_CFG_PATH="$STATE/$(peer_name "$1")" \
    CUSTODIA_PID_DIR="$STATE/pids" "$(node_bin peer)" node start
}

start_nodes() {
  start_orderer
  start_peer 1
  start_peer 2
  wait_port "$ORDERER_ADMIN_PORT" 60 orderer0
  wait_port "$PEER1_PORT" 60 "$(peer_name 1)"
  wait_port "$PEER2_PORT" 60 "$(peer_name 2)"
}

create_channel() {
  local block=$STATE/channel/$CHANNEL.block
  mkdir -p "$STATE/channel"
  log "creating the genesis block of channel '$CHANNEL' (configtxgen)"
  "$(bin configtxgen)" -configPath "$STATE/config" -profile CustodiaChannel -channelID "$CHANNEL" \
    -outputBlock "$block" 2> "$STATE/logs/configtxgen.log" || die "configtxgen failed: $(tail -3 "$STATE/logs/configtxgen.log")"
  log "joining orderer0 to '$CHANNEL' (osnadmin, channel participation API)"
  "$(bin osnadmin)" channel join --channelID "$CHANNEL" --config-block "$block" \
    -o "127.0.0.1:$ORDERER_ADMIN_PORT" --ca-file "$ORDERER_CA" \
    --client-cert "$ORDERER_ADMIN_TLS/client.crt" --client-key "$ORDERER_ADMIN_TLS/client.key" >&2
  local org i
  for org in 1 2; do
    log "joining $(peer_name "$org") to '$CHANNEL'"
    for i in $(seq 1 10); do
      if as "$org" admin "$(bin peer)" channel join -b "$block" 2>> "$STATE/logs/cli.log"; then break; fi
      [[ $i -lt 10 ]] || die "peer channel join failed for org$org (see $STATE/logs/cli.log)"
      sleep 2
    done
  done
  # Wait until the Raft leader is elected and both peers have pulled the genesis block.
  for org in 1 2; do
    for i in $(seq 1 60); do
      if as "$org" admin "$(bin peer)" channel getinfo -c "$CHANNEL" 2>/dev/null | grep -q '"height":[1-9]'; then break; fi
      [[ $i -lt 60 ]] || die "$(peer_name "$org") has no block of '$CHANNEL' after 60 s"
      sleep 1
    done
  done
}

write_connections() {
  mkdir -p "$CONNECTIONS"
  local org
  for org in 1 2; do
    local ids
    ids="$(identity_json "$org" gateway institution),
    $(identity_json "$org" auditor auditor)"
    cat > "$CONNECTIONS/org$org.json" <<EOF
{
  "formatVersion": 1,
  "mspId": "$(org_msp "$org")",
  "channel": "$CHANNEL",
  "chaincode": "$CC_NAME",
  "peer": {
    "endpoint": "127.0.0.1:$(peer_port "$org")",
    "hostOverride": "$(peer_name "$org")",
    "tlsCaCertPath": "$(peer_tls_ca "$org")"
  },
  "identities": {
    $ids
  }
}
EOF
  done
  log "connection files: $CONNECTIONS/org1.json, $CONNECTIONS/org2.json"
}

identity_json() { # ORG USER ROLE
  local msp; msp=$(user_msp "$1" "$2")
  printf '"%s": {"certPath": "%s", "keyPath": "%s"}' "$3" "$msp/signcerts/cert.pem" "$msp/keystore/priv_sk"
}

cmd_up() {
  local t0=$SECONDS
  check_tools
  if [[ -d "$STATE/pids" ]] && ls "$STATE"/pids/*.pid >/dev/null 2>&1; then die "network already up (run 'network.sh down' first)"; fi
  require_ports_free "$ORDERER_PORT" "$ORDERER_ADMIN_PORT" "$PEER1_PORT" "$PEER2_PORT" "$PEER1_CC_PORT" "$PEER2_CC_PORT"
  generate_crypto
  write_config
  start_nodes
  create_channel
  write_connections
  log "network up in $((SECONDS - t0)) s"
}

# ---- deploy ----------------------------------------------------------------------------
chaincode_jar() {
  local j
  for j in "${CHAINCODE_JAR:-}" "$REPO/chaincode/target/custodia-chaincode.jar" "$REPO/chaincode/target/custodia-chaincode-all.jar"; do
    [[ -n "$j" && -f "$j" ]] && { echo "$j"; return; }
  done
  echo ""
}

# TLS server certificate for an institution's chaincode server, signed by the org TLS CA.
issue_ccaas_tls() { # ORG
  local dir; dir="$(org_dir "$1")/ccaas"
  [[ -s "$dir/server.crt" ]] && return
  mkdir -p "$dir"
  local work; work=$(mktemp -d)
  cat > "$work/ext.cnf" <<EOF
[ server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost, DNS:ccaas.$(org_domain "$1")
EOF
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/server.key" 2>/dev/null
  openssl req -new -key "$dir/server.key" -subj "/O=$(org_msp "$1")/CN=ccaas.$(org_domain "$1")" -out "$work/req.csr"
  openssl x509 -req -in "$work/req.csr" -CA "$(peer_tls_ca "$1")" -CAkey "$(org_dir "$1")/tlsca/priv_sk" \
    -set_serial "0x$(openssl rand -hex 16)" -days 3650 -sha256 -extfile "$work/ext.cnf" -extensions server \
    -out "$dir/server.crt" 2>/dev/null
  # The Java shim validates CORE_TLS_CLIENT_{CERT,KEY}_PATH and reads them as base64 of the
  # PEM on one line (FABRIC-NOTES); the server itself uses the PEM files (*_FILE).
  base64 -w0 < "$dir/server.crt" > "$dir/server.crt.b64"
  base64 -w0 < "$dir/server.key" > "$dir/server.key.b64"
  chmod 600 "$dir/server.key" "$dir/server.key.b64"
  rm -rf "$work"
}

json_pem() { awk '{printf "%s\\n", $0}' "$1"; }

# A ccaas package: metadata.json + code.tar.gz{connection.json}. The package ID hashes the
# bytes, so it changes whenever the address or the TLS material changes.
package_ccaas() { # ORG -> path of package
  local org=$1 dir=$STATE/ccaas/org$1
  mkdir -p "$dir/src"
  cat > "$dir/src/connection.json" <<EOF
{
  "address": "127.0.0.1:$(ccaas_port "$org")",
  "dial_timeout": "10s",
  "tls_required": true,
  "client_auth_required": false,
  "root_cert": "$(json_pem "$(peer_tls_ca "$org")")"
}
EOF
  printf '{"type":"ccaas","label":"%s"}\n' "$CC_LABEL" > "$dir/metadata.json"
  # Fixed mtimes and owners so the same inputs give the same package ID on every run.
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$dir/src" -czf "$dir/code.tar.gz" connection.json
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$dir" -czf "$dir/$CC_LABEL.tar.gz" metadata.json code.tar.gz
  echo "$dir/$CC_LABEL.tar.gz"
}

write_ccaas_env() { # ORG PACKAGE_ID
  local org=$1 dir; dir="$(org_dir "$1")/ccaas"
  cat > "$STATE/ccaas/org$org/ccaas.env" <<EOF
CHAINCODE_SERVER_ADDRESS=127.0.0.1:$(ccaas_port "$org")
CORE_CHAINCODE_ID_NAME=$2
CORE_PEER_LOCALMSPID=$(org_msp "$org")
CORE_PEER_TLS_ENABLED=true
CORE_TLS_CLIENT_CERT_FILE=$dir/server.crt
CORE_TLS_CLIENT_KEY_FILE=$dir/server.key
CORE_TLS_CLIENT_CERT_PATH=$dir/server.crt.b64
CORE_TLS_CLIENT_KEY_PATH=$dir/server.key.b64
CORE_PEER_TLS_ROOTCERT_FILE=$(peer_tls_ca "$org")
CORE_CHAINCODE_LOGGING_LEVEL=INFO
EOF
}

start_ccaas() { # ORG JAR
  log "org$1: starting chaincode server on 127.0.0.1:$(ccaas_port "$1") ($(basename "$2"))"
  start_process "ccaas-org$1" "$STATE/ccaas/org$1/ccaas.env" java -Xmx512m -jar "$2"
}

cmd_deploy() {
  local t0=$SECONDS
  check_tools
  [[ -f "$CONNECTIONS/org1.json" ]] || die "network is not up (run 'network.sh up')"
  local jar; jar=$(chaincode_jar)
  [[ -n "$jar" ]] || die "chaincode jar not found; build it: mvn -pl canonical,chaincode -am package -DskipTests (or set CHAINCODE_JAR)"
  command -v java >/dev/null || [[ "$RUNTIME" == docker ]] || die "java (17+) is required to run the chaincode"
  local mode=${CC_PACKAGE:-ccaas}
  [[ "$mode" == ccaas || "$mode" == java ]] || die "CC_PACKAGE must be ccaas or java"
  [[ "$mode" == ccaas || "$RUNTIME" == native ]] || die "CC_PACKAGE=java is supported in native mode only"
  local peer_bin; peer_bin=$(bin peer)
  local org pkg pkgid java_pkg=""
  declare -A pkgids
  if [[ "$mode" == java ]]; then
    java_pkg=$STATE/java/${CC_NAME}_java_${CC_VERSION}.tar.gz
    mkdir -p "$STATE/java"
    CHAINCODE_JAR=$jar CC_NAME=$CC_NAME CC_VERSION=$CC_VERSION "$HERE/../package-java.sh" "$java_pkg" >/dev/null
  fi
  for org in 1 2; do
    if [[ "$mode" == ccaas ]]; then
      issue_ccaas_tls "$org"
      pkg=$(package_ccaas "$org")
    else
      pkg=$java_pkg
    fi
    pkgid=$(as "$org" admin "$peer_bin" lifecycle chaincode calculatepackageid "$pkg")
    pkgids[$org]=$pkgid
    log "org$org: installing $pkgid on $(peer_name "$org")"
    if ! as "$org" admin "$peer_bin" lifecycle chaincode queryinstalled 2>/dev/null | grep -q "$pkgid"; then
      as "$org" admin "$peer_bin" lifecycle chaincode install "$pkg" 2>> "$STATE/logs/cli.log" \
        || die "install failed on org$org (see $STATE/logs/cli.log)"
    fi
    if [[ "$mode" == ccaas ]]; then
      write_ccaas_env "$org" "$pkgid"
      require_ports_free "$(ccaas_port "$org")"
      start_ccaas "$org" "$jar"
    fi
  done
  local cc_t0=$SECONDS
  local tls_orderer=(-o "127.0.0.1:$ORDERER_PORT" --tls --cafile "$ORDERER_CA")
  for org in 1 2; do
    log "org$org: approving $CC_NAME $CC_VERSION sequence $CC_SEQUENCE, policy $CC_POLICY"
    as "$org" admin "$peer_bin" lifecycle chaincode approveformyorg "${tls_orderer[@]}" -C "$CHANNEL" \
      -n "$CC_NAME" -v "$CC_VERSION" --sequence "$CC_SEQUENCE" --package-id "${pkgids[$org]}" \
      --signature-policy "$CC_POLICY" --waitForEvent 2>> "$STATE/logs/cli.log" \
      || die "approve failed for org$org (see $STATE/logs/cli.log)"
  done
  as 1 admin "$peer_bin" lifecycle chaincode checkcommitreadiness -C "$CHANNEL" -n "$CC_NAME" -v "$CC_VERSION" \
    --sequence "$CC_SEQUENCE" --signature-policy "$CC_POLICY" >&2
  log "committing the chaincode definition (endorsed by both peers)"
  as 1 admin "$peer_bin" lifecycle chaincode commit "${tls_orderer[@]}" -C "$CHANNEL" -n "$CC_NAME" \
    -v "$CC_VERSION" --sequence "$CC_SEQUENCE" --signature-policy "$CC_POLICY" \
    --peerAddresses "127.0.0.1:$PEER1_PORT" --tlsRootCertFiles "$(peer_tls_ca 1)" \
    --peerAddresses "127.0.0.1:$PEER2_PORT" --tlsRootCertFiles "$(peer_tls_ca 2)" \
    --waitForEvent 2>> "$STATE/logs/cli.log" || die "commit failed (see $STATE/logs/cli.log)"
  as 1 admin "$peer_bin" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" >&2
  if [[ "$mode" == ccaas ]]; then
    for org in 1 2; do
      wait_port "$(ccaas_port "$org")" "$CC_START_TIMEOUT" "chaincode server org$org"
    done
    log "chaincode servers listening $((SECONDS - cc_t0)) s after approve started"
  else
    # The peers launch the JVMs on first use: call the shim's metadata function on each
    # peer now so the first business transaction does not wait for a JVM start.
    for org in 1 2; do
      local q_t0=$SECONDS
      as "$org" gateway "$peer_bin" chaincode query -C "$CHANNEL" -n "$CC_NAME" \
        -c '{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}' > /dev/null 2>> "$STATE/logs/cli.log" \
        || die "the Java chaincode did not start on org$org (see $STATE/logs/$(peer_name "$org").log)"
      log "org$org: Java chaincode launched by the peer and answering after $((SECONDS - q_t0)) s"
    done
  fi
  log "deployed ($mode) in $((SECONDS - t0)) s"
}

# ---- status / down ---------------------------------------------------------------------
cmd_status() {
  local f pid name org
  shopt -s nullglob
  local any=0
  for f in "$STATE"/pids/*.pid; do
    any=1; pid=$(cat "$f"); name=$(basename "$f" .pid)
    if kill -0 "$pid" 2>/dev/null; then echo "running  $name (pid $pid)"; else echo "STOPPED  $name (pid $pid)"; fi
  done
  shopt -u nullglob
  [[ $any == 1 ]] || { echo "network is down"; return 0; }
  for org in 1 2; do
    printf '%s: ' "$(peer_name "$org")"
    as "$org" admin "$(bin peer)" channel getinfo -c "$CHANNEL" 2>/dev/null | sed 's/^Blockchain info: //' || echo "no channel"
  done
  as 1 admin "$(bin peer)" lifecycle chaincode querycommitted -C "$CHANNEL" 2>/dev/null || true
}

cmd_down() {
  if [[ "$RUNTIME" == docker ]]; then compose down >&2 || true; fi
  stop_processes
  rm -rf "$STATE" "$CONNECTIONS"
  log "network down; ledgers, logs and connection files removed (crypto kept in $CRYPTO)"
}

# ---- one node: stop / start / restart --------------------------------------------------
# NODE is orderer0, peer0.orgN (or its full name peer0.orgN.custodia.test) or ccaas-orgN.
# Stopping keeps the node's ledger, config and pid directory, so `start` resumes it where it
# stopped (a peer catches up on missed blocks from the orderer and gossip).
node_name() { # NODE -> canonical process name
  case "$1" in
    orderer0|orderer0.orderer.custodia.test) echo orderer0 ;;
    peer0.org[12]) echo "$1.custodia.test" ;;
    peer0.org[12].custodia.test|ccaas-org[12]) echo "$1" ;;
    *) die "unknown node '$1' (orderer0, peer0.org1, peer0.org2, ccaas-org1, ccaas-org2)" ;;
  esac
}

node_port() { # canonical name -> the port that tells it is up
  case "$1" in
    orderer0) echo "$ORDERER_PORT" ;;
    peer0.org*) peer_port "${1:9:1}" ;;
    ccaas-org*) ccaas_port "${1: -1}" ;;
  esac
}

node_running() { [[ -f "$STATE/pids/$1.pid" ]] && kill -0 "$(cat "$STATE/pids/$1.pid")" 2>/dev/null; }

cmd_stop_node() { # NODE
  local name; name=$(node_name "$1")
  [[ -d "$STATE/pids" ]] || die "network is not up"
  if [[ "$RUNTIME" == docker ]]; then compose stop "$name" >&2; return; fi
  node_running "$name" || { log "$name is not running"; rm -f "$STATE/pids/$name.pid"; return 0; }
  local pid; pid=$(cat "$STATE/pids/$name.pid")
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$STATE/pids/$name.pid"
}

cmd_start_node() { # NODE
  local name; name=$(node_name "$1")
  [[ -f "$CONNECTIONS/org1.json" ]] || die "network is not up (run 'network.sh up')"
  if node_running "$name"; then log "$name is already running"; return 0; fi
  require_ports_free "$(node_port "$name")"
  case "$name" in
    orderer0) start_orderer ;;
    peer0.org*) start_peer "${name:9:1}" ;;
    ccaas-org*)
      local org=${name: -1} jar; jar=$(chaincode_jar)
      [[ -f "$STATE/ccaas/org$org/ccaas.env" ]] || die "chaincode of org$org is not deployed (run 'network.sh deploy')"
      [[ -n "$jar" ]] || die "chaincode jar not found (set CHAINCODE_JAR)"
      start_ccaas "$org" "$jar" ;;
  esac
  local timeout=60; [[ "$name" == ccaas-* ]] && timeout=$CC_START_TIMEOUT
  wait_port "$(node_port "$name")" "$timeout" "$name"
  log "$name is listening on 127.0.0.1:$(node_port "$name")"
}

cmd_clean() {
  cmd_down
  rm -rf "$RUN"
  log "removed $RUN"
}

case "${1:-}" in
  up) cmd_up ;;
  deploy) cmd_deploy ;;
  status) cmd_status ;;
  down) cmd_down ;;
  clean) cmd_clean ;;
  env) peer_env "${2:?ORG number: 1 or 2}" "${3:-gateway}" ;;
  stop) cmd_stop_node "${2:?NODE}" ;;
  start) cmd_start_node "${2:?NODE}" ;;
  restart) cmd_stop_node "${2:?NODE}"; cmd_start_node "$2" ;;
  *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
