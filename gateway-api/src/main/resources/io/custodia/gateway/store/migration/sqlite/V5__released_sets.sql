-- The disclosure index by released set instead of by subject.
--
-- An access event releasing 100 subjects wrote 100 index rows (queued, then merged in the background):
-- a quarter of a PERMIT's CPU and most of the time SQLite's single write lock was held. But the subjects
-- a dataset releases change only when a consent or an erasure changes them, so consecutive events of a
-- dataset release the same set. Now a released set is stored once, with one membership row per subject,
-- and each event adds one row naming its set: a PERMIT writes a constant number of rows however many
-- subjects it releases, and a subject's trail is the events of the sets it belongs to.
--
-- set_key: the RFC 6962 root of the set's subjectRefs (hex; MerkleTree.rootOfStringSet), which is the
-- event's releasedSubjectsRoot on the ledger whenever every released subject had pointers; or
-- 'legacy:' || event_id for a set rebuilt below from the per-subject rows of one earlier event.
-- A set row names no subject. Erasure deletes the subject's membership rows, nothing else.
CREATE TABLE released_sets (
    set_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    set_key TEXT    NOT NULL UNIQUE
);

CREATE TABLE released_set_members (
    subject_ref TEXT    NOT NULL,
    set_id      INTEGER NOT NULL,
    PRIMARY KEY (subject_ref, set_id)
) WITHOUT ROWID;

-- One row per access event that handed out pointers: a subject's trail pages this by (set, time, event)
-- for each of its sets. The event itself, as the ledger returned it, stays in disclosed_events.
CREATE TABLE set_disclosures (
    set_id                INTEGER NOT NULL,
    decided_at            INTEGER NOT NULL,
    event_id              TEXT    NOT NULL,
    dataset_id            TEXT    NOT NULL,
    requester_institution TEXT    NOT NULL,
    purpose               TEXT    NOT NULL,
    PRIMARY KEY (set_id, decided_at, event_id)
) WITHOUT ROWID;

-- What was still queued goes into the per-subject rows first (subject_refs: 64-hex-digit refs,
-- concatenated), so the conversion below sees every disclosure.
WITH RECURSIVE refs(seq, pos) AS (
    SELECT seq, 1 FROM pending_disclosures
    UNION ALL
    SELECT r.seq, r.pos + 64 FROM refs r JOIN pending_disclosures p ON p.seq = r.seq
    WHERE r.pos + 64 <= length(p.subject_refs)
)
INSERT OR IGNORE INTO disclosures (subject_ref, decided_at, event_id, dataset_id, requester_institution, purpose)
    SELECT substr(p.subject_refs, r.pos, 64), p.decided_at, p.event_id, p.dataset_id, p.requester_institution, p.purpose
    FROM refs r JOIN pending_disclosures p ON p.seq = r.seq;

-- Each earlier event becomes a set of its own (its root cannot be computed in SQL; its key says so).
INSERT INTO released_sets (set_key) SELECT DISTINCT 'legacy:' || event_id FROM disclosures;
INSERT INTO released_set_members (subject_ref, set_id)
    SELECT d.subject_ref, s.set_id FROM disclosures d JOIN released_sets s ON s.set_key = 'legacy:' || d.event_id;
INSERT INTO set_disclosures (set_id, decided_at, event_id, dataset_id, requester_institution, purpose)
    SELECT s.set_id, MIN(d.decided_at), d.event_id, MIN(d.dataset_id), MIN(d.requester_institution), MIN(d.purpose)
    FROM disclosures d JOIN released_sets s ON s.set_key = 'legacy:' || d.event_id
    GROUP BY s.set_id, d.event_id;

DROP TABLE pending_disclosures;
DROP TABLE disclosures;
