-- See the SQLite migration of the same name: the disclosure index by released set, one row per access
-- event instead of one per released subject. PostgreSQL never queued disclosures (pending_disclosures
-- stayed empty); its rows are converted all the same, in case one was ever left there.
CREATE TABLE released_sets (
    set_id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    set_key TEXT   NOT NULL UNIQUE
);

CREATE TABLE released_set_members (
    subject_ref TEXT   NOT NULL,
    set_id      BIGINT NOT NULL,
    PRIMARY KEY (subject_ref, set_id)
);

CREATE TABLE set_disclosures (
    set_id                BIGINT NOT NULL,
    decided_at            BIGINT NOT NULL,
    event_id              TEXT   NOT NULL,
    dataset_id            TEXT   NOT NULL,
    requester_institution TEXT   NOT NULL,
    purpose               TEXT   NOT NULL,
    PRIMARY KEY (set_id, decided_at, event_id)
);

INSERT INTO disclosures (subject_ref, decided_at, event_id, dataset_id, requester_institution, purpose)
    SELECT substr(p.subject_refs, pos, 64), p.decided_at, p.event_id, p.dataset_id, p.requester_institution, p.purpose
    FROM pending_disclosures p, generate_series(1, length(p.subject_refs) - 63, 64) AS pos
    ON CONFLICT DO NOTHING;

INSERT INTO released_sets (set_key) SELECT DISTINCT 'legacy:' || event_id FROM disclosures;
INSERT INTO released_set_members (subject_ref, set_id)
    SELECT d.subject_ref, s.set_id FROM disclosures d JOIN released_sets s ON s.set_key = 'legacy:' || d.event_id;
INSERT INTO set_disclosures (set_id, decided_at, event_id, dataset_id, requester_institution, purpose)
    SELECT s.set_id, MIN(d.decided_at), d.event_id, MIN(d.dataset_id), MIN(d.requester_institution), MIN(d.purpose)
    FROM disclosures d JOIN released_sets s ON s.set_key = 'legacy:' || d.event_id
    GROUP BY s.set_id, d.event_id;

DROP TABLE pending_disclosures;
DROP TABLE disclosures;
