#!/usr/bin/env bash
# Packages the Custodia chaincode as a standard Java chaincode package (type "java"), for
# peers that build chaincode with Fabric's Java chaincode environment (fabric-javaenv:2.5,
# which needs Docker on the peer host).
#
#   network/package-java.sh [OUTPUT.tar.gz]     (default network/custodia_java_1.0.tar.gz)
#
# Layout: the package's source is a directory holding only the shaded jar. With no
# build.gradle or pom.xml in it, fabric-javaenv's build step copies the jar(s) as they are
# and starts them with ContractRouter as the main class, so no build tool runs on the peer.
# The shaded jar is built with `mvn -pl canonical,chaincode -am package -DskipTests`
# (chaincode/target/custodia-chaincode.jar, Java 11 bytecode, which fabric-javaenv:2.5 runs).
# `peer` comes from $FABRIC_BIN or PATH. Environment: CHAINCODE_JAR, CC_NAME, CC_VERSION.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
CC_NAME=${CC_NAME:-custodia}
CC_VERSION=${CC_VERSION:-1.0}
label=${CC_NAME}_java_${CC_VERSION}
out=${1:-$HERE/${label}.tar.gz}
case "$out" in /*) ;; *) out=$PWD/$out ;; esac

peer=${FABRIC_BIN:+$FABRIC_BIN/}peer
command -v "$peer" >/dev/null || { echo "peer not found (set FABRIC_BIN or PATH)" >&2; exit 1; }

jar=${CHAINCODE_JAR:-}
if [[ -z "$jar" ]]; then
  for j in "$REPO/chaincode/target/custodia-chaincode.jar" "$REPO/chaincode/target/custodia-chaincode-all.jar"; do
    [[ -f "$j" ]] && { jar=$j; break; }
  done
fi
[[ -n "$jar" && -f "$jar" ]] || { echo "shaded chaincode jar not found; build it: mvn -pl canonical,chaincode -am package -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The Java platform skips directories named target/build/out, so stage the jar elsewhere.
mkdir -p "$work/$CC_NAME" "$work/cfg"
cp "$jar" "$work/$CC_NAME/custodia-chaincode.jar"
# `peer` insists on reading a core.yaml even to package; packaging uses none of its settings.
: > "$work/cfg/core.yaml"
(cd "$work" && FABRIC_CFG_PATH="$work/cfg" "$peer" lifecycle chaincode package "$out" \
  --path "$CC_NAME" --lang java --label "$label")
echo "$out"
(cd "$work" && FABRIC_CFG_PATH="$work/cfg" "$peer" lifecycle chaincode calculatepackageid "$out")
