-- The strategy model: a city has strategy versions; every piece of content is a row of `texts`, one per
-- field and language, so that translations can be missing, reviewed or not, and compared between versions.
-- Dates are ISO 8601 text (checked here), the same as in the SQLite schema, so both backends export alike.
CREATE TABLE cities (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE strategy_versions (
    id BIGSERIAL PRIMARY KEY,
    city_id BIGINT NOT NULL REFERENCES cities (id),
    label TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'review', 'approved', 'superseded')),
    approved_on TEXT CHECK (approved_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    council_term TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (city_id, label)
);

CREATE TABLE texts (
    version_id BIGINT NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    owner_kind TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    field TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
    body TEXT NOT NULL,
    reviewed BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (version_id, owner_kind, owner_key, field, lang)
);

CREATE TABLE areas (
    version_id BIGINT NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (version_id, id),
    UNIQUE (version_id, slug)
);

CREATE TABLE goals (
    version_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    area_id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (version_id, id),
    UNIQUE (version_id, slug),
    FOREIGN KEY (version_id, area_id) REFERENCES areas (version_id, id) ON DELETE CASCADE
);

CREATE TABLE actions (
    version_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    goal_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (version_id, id),
    FOREIGN KEY (version_id, goal_id) REFERENCES goals (version_id, id) ON DELETE CASCADE
);

CREATE TABLE programmes (
    version_id BIGINT NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (version_id, id),
    UNIQUE (version_id, slug)
);

CREATE TABLE strategy_values (
    version_id BIGINT NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (version_id, slug)
);

CREATE TABLE headline_goals (
    version_id BIGINT NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    PRIMARY KEY (version_id, position)
);

CREATE TABLE headline_goal_links (
    version_id BIGINT NOT NULL,
    headline_position BIGINT NOT NULL,
    goal_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (version_id, headline_position, goal_id),
    FOREIGN KEY (version_id, headline_position) REFERENCES headline_goals (version_id, position) ON DELETE CASCADE,
    FOREIGN KEY (version_id, goal_id) REFERENCES goals (version_id, id) ON DELETE CASCADE
);

CREATE TABLE narrative_chapters (
    version_id BIGINT NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (version_id, slug)
);

CREATE TABLE narrative_sections (
    version_id BIGINT NOT NULL,
    chapter_slug TEXT NOT NULL,
    slug TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (version_id, slug),
    FOREIGN KEY (version_id, chapter_slug) REFERENCES narrative_chapters (version_id, slug) ON DELETE CASCADE
);

CREATE TABLE timeline_events (
    version_id BIGINT NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    starts_on TEXT CHECK (starts_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    ends_on TEXT CHECK (ends_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    PRIMARY KEY (version_id, slug)
);

-- Every write names who made it and why, so that later audit views have a history to show.
CREATE TABLE change_log (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    city_slug TEXT NOT NULL,
    version_label TEXT NOT NULL,
    summary TEXT NOT NULL
);

-- Bumped in the same transaction as every write, so that each server process sharing the database can tell
-- cheaply that its in-memory snapshot is stale.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);
