-- Off-chain store, SQLite dialect. Times are epoch milliseconds (INTEGER) in both dialects.
-- Personal values (pointers, salts, documents) are AES-256-GCM blobs under per-subject data keys.

CREATE TABLE dataset_pointers (
    dataset_id        TEXT    NOT NULL PRIMARY KEY,
    storage_uri       TEXT    NOT NULL,
    owner_institution TEXT    NOT NULL,
    updated_at        INTEGER NOT NULL
);

-- One data key per subject, wrapped by the key-encryption key (kept outside the database).
CREATE TABLE subject_keys (
    subject_ref TEXT    NOT NULL PRIMARY KEY,
    kek_id      TEXT    NOT NULL,
    wrapped_key BLOB    NOT NULL,
    created_at  INTEGER NOT NULL
);

-- registry_key = hex HMAC-SHA256(institution pepper, patient id); the identifier itself is never stored.
CREATE TABLE subject_registry (
    registry_key   TEXT    NOT NULL PRIMARY KEY,
    subject_ref    TEXT    NOT NULL UNIQUE,
    encrypted_salt BLOB    NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE subject_items (
    dataset_id          TEXT    NOT NULL,
    subject_ref         TEXT    NOT NULL,
    encrypted_pointers  BLOB    NOT NULL,
    encrypted_item_salt BLOB    NOT NULL,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, subject_ref)
);
CREATE INDEX subject_items_by_subject ON subject_items (subject_ref);

CREATE TABLE consent_documents (
    consent_id         TEXT    NOT NULL PRIMARY KEY,
    subject_ref        TEXT    NOT NULL,
    document_sha256    TEXT    NOT NULL,
    encrypted_document BLOB    NOT NULL,
    created_at         INTEGER NOT NULL
);
CREATE INDEX consent_documents_by_subject ON consent_documents (subject_ref);

CREATE TABLE disclosures (
    subject_ref           TEXT    NOT NULL,
    event_id              TEXT    NOT NULL,
    dataset_id            TEXT    NOT NULL,
    requester_institution TEXT    NOT NULL,
    purpose               TEXT    NOT NULL,
    decided_at            INTEGER NOT NULL,
    PRIMARY KEY (subject_ref, event_id)
);
CREATE INDEX disclosures_by_time ON disclosures (subject_ref, decided_at);

CREATE TABLE idempotency_records (
    idempotency_key TEXT    NOT NULL PRIMARY KEY,
    request_hash    TEXT    NOT NULL,
    response_status INTEGER NOT NULL,
    response_body   BLOB    NOT NULL,
    subject_ref     TEXT,
    created_at      INTEGER NOT NULL
);
CREATE INDEX idempotency_by_subject ON idempotency_records (subject_ref);
CREATE INDEX idempotency_by_created ON idempotency_records (created_at);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('PENDING', 'DONE')),
    completed_steps  INTEGER NOT NULL,
    step_state       TEXT,
    attempts         INTEGER NOT NULL,
    lease_token      TEXT,
    lease_expires_at INTEGER,
    available_at     INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    completed_at     INTEGER
);
CREATE INDEX outbox_claimable ON outbox (status, available_at, id);
