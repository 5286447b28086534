-- See the SQLite migration of the same name: the events the per-subject trail shows, one row per PERMIT
-- with disclosures, as the ledger returned them.
CREATE TABLE disclosed_events (
    event_id TEXT NOT NULL PRIMARY KEY,
    event    TEXT NOT NULL
);

-- The trail pages by (decided_at, event_id) within a subject; the time index alone left the tie-break
-- to a sort.
CREATE INDEX disclosures_by_subject_time ON disclosures (subject_ref, decided_at, event_id);
DROP INDEX disclosures_by_time;
