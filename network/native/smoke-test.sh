#!/usr/bin/env bash
# End-to-end check of a deployed network (after `network.sh up` and `network.sh deploy`):
#  1. Org1's gateway identity (custodia.role=institution) registers a dataset with
#     `peer chaincode invoke`, endorsed by both institutions' peers, and waits for the
#     commit event (VALID).
#  2. Org2's gateway identity reads it back from Org2's peer (so the block reached Org2).
#  3. Org1's auditor identity (custodia.role=auditor) reads it too.
#  4. The same registration endorsed by Org1 alone must be rejected at validation
#     (ENDORSEMENT_POLICY_FAILURE): the policy really needs both institutions.
#  5. The auditor may not register (ROLE_FORBIDDEN from the chaincode's role guard): the
#     custodia.role attribute in the certificate is what the chaincode decides on.
# Exits non-zero on the first failed step. DATASET_ID can be set to register another id.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NET=$HERE/network.sh
dataset_id=${DATASET_ID:-smoke-$(date +%s)}

sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
subject_ref() { printf '%s' "$1" | openssl dgst -sha256 -hmac "smoke-salt-0123456789" -r | cut -d' ' -f1; }

# A complete descriptor, shaped like chaincode/src/test/.../testing/Samples.datasetJson.
descriptor=$(cat <<EOF
{"datasetId":"$dataset_id","version":"1.0.0",
"contentHash":{"algorithm":"sha256-merkle-v1","root":"$(sha "content-$dataset_id")"},
"manifestHash":"$(sha "manifest-$dataset_id")",
"itemCommitmentRoot":"$(sha "items-$dataset_id")","itemCount":2,
"fileCount":10,"byteSize":123456,"format":"DICOM","modality":"ct",
"contextTags":["intent:diagnostic","clinical-context:icu"],
"provenance":{"sourceSystems":["pacs:siemens-syngo"],"collectedFrom":"2024-01-01T00:00:00Z",
"collectedUntil":"2024-12-31T00:00:00Z","process":"routine-care","interfaceVersion":"dicomweb-1.0"},
"deidentificationProfile":"dicom-ps3.15-basic","license":"CC-BY-4.0",
"persistentId":"doi:10.5281/zenodo.1234",
"useRestrictions":{"permission":{"code":"HMB"},"modifiers":[{"code":"NPU"}]},
"intendedTask":"segmentation:lung-nodule","qualityFlags":{"completeness":"high"}}
EOF
)
descriptor=$(printf '%s' "$descriptor" | tr -d '\n')
subjects="[\"$(subject_ref patient-1)\",\"$(subject_ref patient-2)\"]"

# peer CLI arguments are JSON: escape the embedded JSON strings.
json_str() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
ctor() { # FUNCTION ARG...
  local f=$1; shift
  local out="{\"function\":\"$f\",\"Args\":[" sep="" a
  for a in "$@"; do out+="$sep\"$(json_str "$a")\""; sep=","; done
  echo "$out]}"
}

peer_as() { # ORG USER peer-args...
  local org=$1 user=$2; shift 2
  ( eval "$("$NET" env "$org" "$user")"; "${FABRIC_BIN:+$FABRIC_BIN/}peer" "$@" )
}

eval "$("$NET" env 1 gateway)"
both_peers=(--peerAddresses "127.0.0.1:${PEER1_PORT:-7051}" --tlsRootCertFiles "$CORE_PEER_TLS_ROOTCERT_FILE"
            --peerAddresses "127.0.0.1:${PEER2_PORT:-9051}"
            --tlsRootCertFiles "$("$NET" env 2 gateway | sed -n 's/^export CORE_PEER_TLS_ROOTCERT_FILE=//p')")

echo "== 1. datasets:RegisterDataset $dataset_id as gateway@org1 (institution), endorsed by Org1 and Org2"
t0=$(date +%s%N)
peer_as 1 gateway chaincode invoke -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" -C custodia -n custodia \
  "${both_peers[@]}" --waitForEvent -c "$(ctor datasets:RegisterDataset "$descriptor" "$subjects")"
echo "   invoke + commit: $(( ($(date +%s%N) - t0) / 1000000 )) ms"

echo "== 1b. a second RegisterDataset (chaincode connections warm)"
t0=$(date +%s%N)
peer_as 1 gateway chaincode invoke -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" -C custodia -n custodia \
  "${both_peers[@]}" --waitForEvent -c "$(ctor datasets:RegisterDataset "$(echo "$descriptor" | sed "s/$dataset_id/$dataset_id-b/g")" "$subjects")" 2>&1 \
  | grep -o 'committed with status ([A-Z_]*) at [0-9.:]*'
echo "   invoke + commit: $(( ($(date +%s%N) - t0) / 1000000 )) ms"

echo "== 2. datasets:GetDataset $dataset_id as gateway@org2 on Org2's peer"
peer_as 2 gateway chaincode query -C custodia -n custodia -c "$(ctor datasets:GetDataset "$dataset_id")" | tee /tmp/custodia-smoke-get.json
grep -q "\"datasetId\":\"$dataset_id\"" /tmp/custodia-smoke-get.json

echo "== 3. datasets:GetDataset $dataset_id as auditor@org1 (auditor)"
peer_as 1 auditor chaincode query -C custodia -n custodia -c "$(ctor datasets:GetDataset "$dataset_id")" >/dev/null
echo "   auditor read OK"

echo "== 4. RegisterDataset endorsed by Org1 only must fail validation"
out=$(peer_as 1 gateway chaincode invoke -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" -C custodia -n custodia \
  --peerAddresses "127.0.0.1:${PEER1_PORT:-7051}" --tlsRootCertFiles "$CORE_PEER_TLS_ROOTCERT_FILE" \
  --waitForEvent -c "$(ctor datasets:RegisterDataset "$(echo "$descriptor" | sed "s/$dataset_id/$dataset_id-single/g")" "$subjects")" 2>&1 || true)
echo "$out" | tail -1
echo "$out" | grep -q ENDORSEMENT_POLICY_FAILURE
echo "== 5. RegisterDataset as auditor@org1 must be refused by the chaincode (role check on custodia.role)"
out=$(peer_as 1 auditor chaincode invoke -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" -C custodia -n custodia \
  "${both_peers[@]}" -c "$(ctor datasets:RegisterDataset "$(echo "$descriptor" | sed "s/$dataset_id/$dataset_id-auditor/g")" "$subjects")" 2>&1 || true)
echo "$out" | tail -1
echo "$out" | grep -q ROLE_FORBIDDEN
echo "== smoke test passed"
