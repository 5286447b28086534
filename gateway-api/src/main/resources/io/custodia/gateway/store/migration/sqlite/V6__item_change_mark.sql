-- A counter that every deletion or replacement of subject items advances, in the transaction making it
-- (an erasure, an undone registration, items put again for a subject). New items do not advance it:
-- nothing read before they existed can be stale. The access flow reads it before the released subjects'
-- pointers and again in the transaction recording their disclosure: unchanged, the per-subject re-check
-- of which items still exist is skipped (it was ~9% of a PERMIT's CPU), and pointers decrypted under
-- the same value may be served from memory.
CREATE TABLE item_change_mark (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    mark INTEGER NOT NULL
);
INSERT INTO item_change_mark (id, mark) VALUES (1, 0);
