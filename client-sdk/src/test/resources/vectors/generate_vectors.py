# Independent Python implementation of docs/hashing.md, used to generate the test vectors.
import hashlib, json, struct, unicodedata, hmac, sys
def sha(b): return hashlib.sha256(b).digest()
def field(b): return struct.pack('>I', len(b)) + b
def leaf_data(path, size, digest):
    return field(b'custodia.file.v1') + field(path.encode()) + field(struct.pack('>Q', size)) + field(digest)
def mth(leaves):
    if len(leaves) == 0: return sha(b'')
    if len(leaves) == 1: return leaves[0]
    k = 1
    while k * 2 < len(leaves): k *= 2
    return sha(b'\x01' + mth(leaves[:k]) + mth(leaves[k:]))
def content(f): return bytes.fromhex(f['contentHex']) if 'contentHex' in f else f['content'].encode()
def dataset(files):
    entries = []
    for f in files:
        p = unicodedata.normalize('NFC', f['path']); c = content(f)
        entries.append((p, len(c), sha(c)))
    entries.sort(key=lambda e: e[0].encode())
    leaves = [sha(b'\x00' + leaf_data(*e)) for e in entries]
    root = mth(leaves).hex()
    manifest = {"algorithm": "sha256-merkle-v1", "files": [{"path": p, "sha256": d.hex(), "size": s} for p, s, d in entries], "root": root}
    mj = json.dumps(manifest, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
    return entries, leaves, root, mj
def vector(name, desc, files):
    entries, leaves, root, mj = dataset(files)
    v = {"description": desc, "files": files, "expected": {
        "leafHashes": [l.hex() for l in leaves], "manifest": mj,
        "manifestHash": sha(mj.encode()).hex(), "root": root}}
    json.dump(v, open(name + '.json', 'w'), indent=2, ensure_ascii=False); open(name + '.json', 'a').write('\n')
    return entries, leaves
vector('one-file', 'A single file: the root is the leaf hash itself.', [{"path": "hello.txt", "content": "hello\n"}])
vector('three-files', 'Nested directories and a binary file; tree of 3 leaves splits 2 + 1.',
       [{"path": "b/d.bin", "contentHex": "00ff00ff0a"}, {"path": "a.txt", "content": "alpha"}, {"path": "b/c.txt", "content": ""}])
vector('unicode-order', 'Decomposed (NFD) name on disk is normalised to NFC; paths sort by UTF-8 bytes, '
       'so U+FF21 (EF BC A1) precedes U+1F600 (F0 9F 98 80) although UTF-16 order is the reverse.',
       [{"path": "\U0001F600.txt", "content": "smile"}, {"path": "\uFF21.txt", "content": "wide A"},
        {"path": "cafe\u0301/menu.txt", "content": "espresso"}, {"path": "Z.txt", "content": "upper before lower"},
        {"path": "a/b/c/deep.txt", "content": "deep"}])
# Item commitments: two subjects over the three-files dataset plus one unmapped file.
files = [{"path": "p1/scan1.dcm", "content": "scan one"}, {"path": "p1/scan2.dcm", "content": "scan two"},
         {"path": "p2/scan1.dcm", "content": "scan three"}, {"path": "README.txt", "content": "shared"}]
entries, leaves = vector('commitments-dataset', 'Dataset used by item-commitments.json.', files)
mapping = "path,patientId\np1/scan2.dcm,MRN-0001\np1/scan1.dcm,MRN-0001\np2/scan1.dcm,\"MRN,0002\"\n"
pmap = {"p1/scan1.dcm": "MRN-0001", "p1/scan2.dcm": "MRN-0001", "p2/scan1.dcm": "MRN,0002"}
subject_salts = {"MRN-0001": "11" * 32, "MRN,0002": "22" * 32}
item_salts_by_patient = {"MRN-0001": "a1" * 32, "MRN,0002": "b2" * 32}
subjects = {}
for (p, s, d), l in zip(entries, leaves):
    if p in pmap: subjects.setdefault(pmap[p], []).append(l)
out = []; item_salts = {}
for pid, ls in subjects.items():
    ref = hmac.new(bytes.fromhex(subject_salts[pid]), pid.encode(), hashlib.sha256).hexdigest()
    tag = b'custodia.item-commitment.v1'
    c = sha(field(tag) + field(bytes.fromhex(item_salts_by_patient[pid])) + field(bytes.fromhex(ref)) + field(mth(ls)))
    out.append({"subjectRef": ref, "commitment": c.hex(), "itemCount": len(ls), "itemsRoot": mth(ls).hex()})
    item_salts[ref] = item_salts_by_patient[pid]
out.sort(key=lambda e: e["subjectRef"])
root = mth([sha(b'\x00' + bytes.fromhex(e["commitment"])) for e in out]).hex()
v = {"description": "Per-subject item commitments over commitments-dataset.json (file contents there).",
     "dataset": "commitments-dataset.json", "mappingCsv": mapping, "subjectSaltsHexByPatientId": subject_salts,
     "itemSaltsHexBySubjectRef": item_salts,
     "expected": {"commitments": out, "itemCommitmentRoot": root, "unmappedPaths": ["README.txt"]}}
json.dump(v, open('item-commitments.json', 'w'), indent=2, ensure_ascii=False); open('item-commitments.json', 'a').write('\n')
# Custody hop signing bytes and hop hash.
def hop(datasetId, seq, prev, frm, to, action, ch):
    st = {"action": action, "contentHash": ch, "datasetId": datasetId, "from": frm, "previousHopHash": prev,
          "sequence": seq, "to": to, "type": "custodia.custody-hop.v1"}
    sb = json.dumps(st, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
    return st, sb, sha(sb.encode()).hex()
st1, sb1, h1 = hop("ds-001", 1, "", "HospitalAMSP", "HospitalAMSP", "REGISTER", "ab" * 32)
st2, sb2, h2 = hop("ds-001", 2, h1, "HospitalAMSP", "ResearchLabMSP", "TRANSFER", "ab" * 32)
v = {"description": "Custody-hop signing bytes (canonical JSON) and hop hashes of a two-hop chain.",
     "hops": [{"statement": st1, "signingBytes": sb1, "hopHash": h1}, {"statement": st2, "signingBytes": sb2, "hopHash": h2}]}
json.dump(v, open('custody-hops.json', 'w'), indent=2, ensure_ascii=False); open('custody-hops.json', 'a').write('\n')
