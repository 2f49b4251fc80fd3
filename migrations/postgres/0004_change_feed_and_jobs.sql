-- The change feed: what each write transaction changed, written in the same transaction as the change and
-- keyed by the data version that transaction took. Servers read it from the version they hold and apply only
-- what changed; an entry of kind 'replace' (or a version the feed no longer holds) means "read everything".
CREATE TABLE change_feed (
    version BIGINT NOT NULL,
    position BIGINT NOT NULL,
    city_slug TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('replace', 'outline', 'values', 'corrections')),
    payload TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (version, position)
);

-- Background work, claimed with leases by every server sharing the database. A job is 'queued' until it
-- succeeds ('done') or has failed `max_attempts` times ('dead', with its last error kept); a 'running' job
-- whose lease has run out (its server died) is claimed again.
CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL CHECK (max_attempts > 0),
    run_after TEXT NOT NULL,
    leased_by TEXT,
    leased_until TEXT,
    last_error TEXT,
    -- At most one queued or running job per key: a scheduled job is not enqueued twice.
    unique_key TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE INDEX jobs_claimable ON jobs (state, run_after);
CREATE UNIQUE INDEX jobs_unique_pending ON jobs (unique_key) WHERE unique_key IS NOT NULL AND state IN ('queued', 'running');
