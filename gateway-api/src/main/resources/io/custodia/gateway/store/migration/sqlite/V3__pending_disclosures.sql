-- Disclosures waiting to be merged into the per-subject index, one row per access event.
-- An access that releases 100 subjects used to insert 100 rows at 100 places of `disclosures`: 100
-- B-tree pages read and written to the WAL per request, a third of a PERMIT's CPU and most of the time
-- SQLite's single write lock was held. Now the request appends one row here (the rowid grows, so the
-- row lands at the end of the tree) and a background merge moves a few seconds of events into
-- `disclosures` at once, in key order, where a subject's rows of all those events share its page.
-- subject_refs: the released subjects' 64-hex-digit refs, concatenated, in ascending order.
CREATE TABLE pending_disclosures (
    seq                   INTEGER PRIMARY KEY,
    event_id              TEXT    NOT NULL,
    dataset_id            TEXT    NOT NULL,
    requester_institution TEXT    NOT NULL,
    purpose               TEXT    NOT NULL,
    decided_at            INTEGER NOT NULL,
    subject_refs          TEXT    NOT NULL
);
