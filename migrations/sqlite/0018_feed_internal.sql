-- A feed entry of kind 'internal': a write that changes nothing a server holds in memory (a draft's texts or
-- structure, a version's way to review) moves the data version without making every server read the strategy
-- anew. SQLite cannot change a CHECK constraint in place, so the table is rebuilt with its rows.
CREATE TABLE change_feed_with_internal (
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    city_slug TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('replace', 'outline', 'values', 'corrections', 'internal')),
    payload TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (version, position)
);
INSERT INTO change_feed_with_internal (version, position, city_slug, kind, payload, recorded_at)
    SELECT version, position, city_slug, kind, payload, recorded_at FROM change_feed;
DROP TABLE change_feed;
ALTER TABLE change_feed_with_internal RENAME TO change_feed;
