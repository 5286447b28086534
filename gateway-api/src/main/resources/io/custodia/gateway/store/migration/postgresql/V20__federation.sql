-- Federation (docs/federation.md). Numbered 20 to stay clear of the numbers other areas take next.
-- Owner side: nonces of accepted release requests, kept until their request could no longer be fresh
-- (issuedAt + clock skew), so a captured request cannot be replayed.
CREATE TABLE federation_nonces (
    requester  VARCHAR(64)  NOT NULL,
    nonce      VARCHAR(64)  NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (requester, nonce)
);
CREATE INDEX federation_nonces_expiry ON federation_nonces (expires_at);
-- Requester side: PERMITs whose pointers the owner's gateway did not deliver yet (it was unreachable),
-- with the ledger's decision (the event and the released pseudonyms; no pointers), so the requester
-- can fetch them later. Deleted once delivered.
CREATE TABLE pending_deliveries (
    event_id   VARCHAR(128) NOT NULL PRIMARY KEY,
    requester  VARCHAR(64)  NOT NULL,
    decision   BYTEA NOT NULL,
    created_at BIGINT       NOT NULL
);
