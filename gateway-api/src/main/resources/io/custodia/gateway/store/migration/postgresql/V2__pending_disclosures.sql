-- The disclosure queue of the SQLite store (see the SQLite migration of the same name). PostgreSQL
-- records disclosures straight into `disclosures` and leaves this table empty: it exists so the
-- store's reads and erasure run the same statements on both databases.
CREATE TABLE pending_disclosures (
    seq                   BIGSERIAL PRIMARY KEY,
    event_id              TEXT      NOT NULL,
    dataset_id            TEXT      NOT NULL,
    requester_institution TEXT      NOT NULL,
    purpose               TEXT      NOT NULL,
    decided_at            BIGINT    NOT NULL,
    subject_refs          TEXT      NOT NULL
);
