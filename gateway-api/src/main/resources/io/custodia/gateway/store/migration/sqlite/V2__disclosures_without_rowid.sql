-- One B-tree for the disclosure index instead of three (rowid table, primary-key index, time index).
-- An access that releases 100 subjects inserts 100 rows at 100 places of the index; every extra tree
-- multiplied the pages each commit writes (measured: 100-row commit 11 ms -> 5.6 ms on a 540k-row table).
-- (subject_ref, decided_at, event_id) serves the per-subject, newest-first listing, and it is unique
-- exactly when (subject_ref, event_id) is: an event has one decision time.
CREATE TABLE disclosures_by_subject (
    subject_ref           TEXT    NOT NULL,
    decided_at            INTEGER NOT NULL,
    event_id              TEXT    NOT NULL,
    dataset_id            TEXT    NOT NULL,
    requester_institution TEXT    NOT NULL,
    purpose               TEXT    NOT NULL,
    PRIMARY KEY (subject_ref, decided_at, event_id)
) WITHOUT ROWID;

INSERT INTO disclosures_by_subject (subject_ref, decided_at, event_id, dataset_id, requester_institution, purpose)
    SELECT subject_ref, decided_at, event_id, dataset_id, requester_institution, purpose FROM disclosures;

DROP TABLE disclosures;
ALTER TABLE disclosures_by_subject RENAME TO disclosures;
