-- Disclosures waiting to be merged into the per-subject index, one row per access event: a request
-- appends one row instead of inserting 100 at 100 places of `disclosures`, and a background merge
-- moves a few seconds of events into the index at once (see the SQLite migration of the same name).
-- subject_refs: the released subjects' 64-hex-digit refs, concatenated, in ascending order.
CREATE TABLE pending_disclosures (
    seq                   BIGSERIAL PRIMARY KEY,
    event_id              TEXT      NOT NULL,
    dataset_id            TEXT      NOT NULL,
    requester_institution TEXT      NOT NULL,
    purpose               TEXT      NOT NULL,
    decided_at            BIGINT    NOT NULL,
    subject_refs          TEXT      NOT NULL
);
