#!/usr/bin/env bash
# Issues a client identity that carries Fabric-CA-style attributes, signed by the
# organisation CA that cryptogen generated, and lays it out as a Fabric MSP directory.
#
#   issue-identity.sh ORG_DIR NAME ATTRS_JSON
#     ORG_DIR     cryptogen's peerOrganizations/<domain> directory (holds ca/ and msp/)
#     NAME        user name, e.g. gateway or auditor; the certificate CN is NAME@<domain>
#     ATTRS_JSON  the attribute object, e.g. '{"custodia.role":"institution"}'
#
# Why openssl and not cryptogen: cryptogen cannot add attributes. Fabric CA stores them in
# the X.509 extension 1.2.3.4.5.6.7.8.1 whose value is the raw JSON {"attrs":{...}}; the
# chaincode shim's ClientIdentity reads exactly that, so we write the same bytes. OU=client
# makes the identity a "client" under the NodeOU rules cryptogen enables.
# Output: ORG_DIR/users/NAME@<domain>/msp/{signcerts/cert.pem,keystore/priv_sk,cacerts,tlscacerts,config.yaml}
set -euo pipefail

org_dir=${1:?ORG_DIR}
name=${2:?NAME}
attrs=${3:?ATTRS_JSON}
domain=$(basename "$org_dir")
user="${name}@${domain}"
msp="$org_dir/users/$user/msp"

if [[ -s "$msp/signcerts/cert.pem" && -s "$msp/keystore/priv_sk" ]]; then
  exit 0  # already issued: keep it, so certificates and package IDs stay stable
fi

ca_cert=$(ls "$org_dir"/ca/*-cert.pem)
ca_key="$org_dir/ca/priv_sk"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The extension value is the raw JSON (DER: means "these bytes, unwrapped"), as Fabric CA writes it.
json="{\"attrs\":${attrs}}"
hex=$(printf '%s' "$json" | od -An -v -tx1 | tr -d ' \n')

cat > "$work/ext.cnf" <<CNF
[ client ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
1.2.3.4.5.6.7.8.1 = DER:${hex}
CNF

mkdir -p "$msp/signcerts" "$msp/keystore" "$msp/cacerts" "$msp/tlscacerts"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$msp/keystore/priv_sk" 2>/dev/null
chmod 600 "$msp/keystore/priv_sk"
openssl req -new -key "$msp/keystore/priv_sk" -out "$work/req.csr" \
  -subj "/C=US/ST=California/L=San Francisco/OU=client/CN=${user}"
openssl x509 -req -in "$work/req.csr" -CA "$ca_cert" -CAkey "$ca_key" -set_serial "0x$(openssl rand -hex 16)" \
  -days 3650 -sha256 -extfile "$work/ext.cnf" -extensions client -out "$msp/signcerts/cert.pem" 2>/dev/null
cp "$org_dir"/msp/cacerts/* "$msp/cacerts/"
cp "$org_dir"/msp/tlscacerts/* "$msp/tlscacerts/"
cp "$org_dir/msp/config.yaml" "$msp/config.yaml"
