-- Changing a draft's structure (issue 11): an item split from another or merged into another records it here,
-- in the version where it happened, so that the diff from the previous version can say "split from goal 15"
-- or "merged into goal 12". Items keep their key from version to version; the lineage names keys only.
CREATE TABLE item_lineage (
    version_id INTEGER NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    owner_kind TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    relation TEXT NOT NULL CHECK (relation IN ('split_from', 'merged_into')),
    other_key TEXT NOT NULL,
    PRIMARY KEY (version_id, owner_kind, owner_key, relation)
);

-- Every key a structure edit issued or removed, per city: a new item never takes the id or slug of one
-- that existed, even in a draft since changed, because the cascade and links name items by key alone.
CREATE TABLE item_keys_used (
    city_id INTEGER NOT NULL REFERENCES cities (id),
    owner_kind TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    PRIMARY KEY (city_id, owner_kind, owner_key)
);
