-- Statistics connectors. An indicator's connector settings (where its values are published and how to read
-- them) are kept as JSON beside it; a value fetched by a connector keeps where it came from (connector,
-- table, query, fetch time, the source's own update time) as JSON on its provenance.
ALTER TABLE indicators ADD COLUMN connector TEXT;
ALTER TABLE provenances ADD COLUMN origin TEXT;

-- Every sync of a connector, successful or not: what staff see as its last runs, and what the schedule
-- counts the next run from. Not published content, so writing it takes no data version.
CREATE TABLE connector_runs (
    id BIGSERIAL PRIMARY KEY,
    city_slug TEXT NOT NULL,
    indicator_id BIGINT NOT NULL,
    connector TEXT NOT NULL,
    url TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
    -- Values read from the answer, and what recording them did.
    read_count BIGINT NOT NULL DEFAULT 0,
    missing_count BIGINT NOT NULL DEFAULT 0,
    added_count BIGINT NOT NULL DEFAULT 0,
    corrected_count BIGINT NOT NULL DEFAULT 0,
    unchanged_count BIGINT NOT NULL DEFAULT 0,
    source_updated TEXT,
    error TEXT
);
CREATE INDEX connector_runs_latest ON connector_runs (city_slug, indicator_id, finished_at);
