-- The per-subject trail ("who accessed my data", and the auditors' trail by subject) is answered from
-- the disclosure index since the ledger stopped keeping one key per released subject (an access event
-- commits to its released subjects by count and Merkle root only). The index rows say which event
-- released whom; this table keeps each such event as the ledger returned it, so a trail page shows the
-- whole event, as the ledger's trails do. One row per PERMIT with disclosures; events hold no subject
-- reference, so erasure leaves them (it deletes the subject's index rows).
-- Disclosures recorded before this table existed have no copy here; the trail shows them from their
-- index row (event ID, dataset, requester, purpose, time).
CREATE TABLE disclosed_events (
    event_id TEXT NOT NULL PRIMARY KEY,
    event    TEXT NOT NULL
);
