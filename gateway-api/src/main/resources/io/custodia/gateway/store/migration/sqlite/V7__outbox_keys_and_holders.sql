-- Saga keys and lease holders (issue 20).
-- dedupe_key: one item per effect (e.g. 'revoke-consent:<consentId>'): a retry after a crash joins the
-- item its first attempt enqueued instead of enqueueing a second one. NULLs are distinct, so items
-- without a key are unaffected.
-- lease_holder: the gateway instance whose claim holds the lease; leases are short and renewed by the
-- holder's heartbeat, and a starting instance takes over the leases of previous instances.
ALTER TABLE outbox ADD COLUMN dedupe_key TEXT;
ALTER TABLE outbox ADD COLUMN lease_holder TEXT;
CREATE UNIQUE INDEX outbox_dedupe_key ON outbox (dedupe_key);
CREATE INDEX outbox_lease_holder ON outbox (lease_holder);
