-- The strategy model: a city has strategy versions; every piece of content is a row of `texts`, one per
-- field and language, so that translations can be missing, reviewed or not, and compared between versions.
CREATE TABLE cities (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE strategy_versions (
    id INTEGER PRIMARY KEY,
    city_id INTEGER NOT NULL REFERENCES cities (id),
    label TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'review', 'approved', 'superseded')),
    approved_on TEXT,
    council_term TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (city_id, label)
);

CREATE TABLE texts (
    version_id INTEGER NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    owner_kind TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    field TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
    body TEXT NOT NULL,
    reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
    PRIMARY KEY (version_id, owner_kind, owner_key, field, lang)
);

CREATE TABLE areas (
    version_id INTEGER NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, id),
    UNIQUE (version_id, slug)
);

CREATE TABLE goals (
    version_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    area_id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, id),
    UNIQUE (version_id, slug),
    FOREIGN KEY (version_id, area_id) REFERENCES areas (version_id, id) ON DELETE CASCADE
);

CREATE TABLE actions (
    version_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    goal_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, id),
    FOREIGN KEY (version_id, goal_id) REFERENCES goals (version_id, id) ON DELETE CASCADE
);

CREATE TABLE programmes (
    version_id INTEGER NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, id),
    UNIQUE (version_id, slug)
);

CREATE TABLE strategy_values (
    version_id INTEGER NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, slug)
);

CREATE TABLE headline_goals (
    version_id INTEGER NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, position)
);

CREATE TABLE headline_goal_links (
    version_id INTEGER NOT NULL,
    headline_position INTEGER NOT NULL,
    goal_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, headline_position, goal_id),
    FOREIGN KEY (version_id, headline_position) REFERENCES headline_goals (version_id, position) ON DELETE CASCADE,
    FOREIGN KEY (version_id, goal_id) REFERENCES goals (version_id, id) ON DELETE CASCADE
);

CREATE TABLE narrative_chapters (
    version_id INTEGER NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, slug)
);

CREATE TABLE narrative_sections (
    version_id INTEGER NOT NULL,
    chapter_slug TEXT NOT NULL,
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (version_id, slug),
    FOREIGN KEY (version_id, chapter_slug) REFERENCES narrative_chapters (version_id, slug) ON DELETE CASCADE
);

CREATE TABLE timeline_events (
    version_id INTEGER NOT NULL REFERENCES strategy_versions (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    PRIMARY KEY (version_id, slug)
);

-- Every write names who made it and why, so that later audit views have a history to show.
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
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
    version INTEGER NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);
