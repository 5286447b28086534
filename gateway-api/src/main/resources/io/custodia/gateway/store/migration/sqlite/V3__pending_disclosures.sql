-- Disclosures waiting to be merged into the per-subject index, one row per access event.
-- An access that releases 100 subjects used to insert 100 rows at 100 places of `disclosures`: 100
-- B-tree pages read and written to the WAL per request, a third of a PERMIT's CPU and most of the time
-- SQLite's single write lock was held. Now the request appends one row here (the rowid grows, so the
-- row lands at the end of the tree) and a background merge moves a few seconds of events into
-- `disclosures` at once, in key order, where a subject's rows of all those events share its page.
-- subject_refs: the released subjects' 64-hex-digit refs, concatenated, in ascending order.
-- AUTOINCREMENT: a seq is never reused. A merge lists the seqs it will index and dequeues them after
-- its slices; had an erasure deleted the newest row meanwhile, plain rowids would hand its seq to the
-- next event, which the merge would then dequeue half-indexed.
CREATE TABLE pending_disclosures (
    seq                   INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id              TEXT    NOT NULL,
    dataset_id            TEXT    NOT NULL,
    requester_institution TEXT    NOT NULL,
    purpose               TEXT    NOT NULL,
    decided_at            INTEGER NOT NULL,
    subject_refs          TEXT    NOT NULL
);
