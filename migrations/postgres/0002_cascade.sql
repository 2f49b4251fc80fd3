-- The yearly cascade: organisations, regions, indicators with their values and corrections, annual targets
-- and action progress. They belong to the city (not to a strategy version) and refer to goals and actions by
-- their stable ids. Texts live in `cascade_texts`, one row per field and language, as strategy texts do.
CREATE TABLE cascade_texts (
    city_id BIGINT NOT NULL REFERENCES cities (id),
    owner_kind TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    field TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
    body TEXT NOT NULL,
    reviewed BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (city_id, owner_kind, owner_key, field, lang)
);

CREATE TABLE organisations (
    city_id BIGINT NOT NULL REFERENCES cities (id),
    slug TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('city', 'department', 'enterprise', 'unit')),
    parent TEXT,
    position BIGINT NOT NULL,
    PRIMARY KEY (city_id, slug),
    FOREIGN KEY (city_id, parent) REFERENCES organisations (city_id, slug)
);

CREATE TABLE regions (
    city_id BIGINT NOT NULL REFERENCES cities (id),
    slug TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('city', 'city_centre', 'local_centre', 'planned_centre')),
    position BIGINT NOT NULL,
    PRIMARY KEY (city_id, slug)
);

CREATE TABLE indicators (
    city_id BIGINT NOT NULL REFERENCES cities (id),
    id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    decimals BIGINT NOT NULL CHECK (decimals BETWEEN 0 AND 6),
    direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease', 'band')),
    band_low DOUBLE PRECISION,
    band_high DOUBLE PRECISION,
    frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'annual', 'irregular')),
    licence TEXT NOT NULL,
    PRIMARY KEY (city_id, id),
    UNIQUE (city_id, slug)
);

CREATE TABLE indicator_references (
    city_id BIGINT NOT NULL,
    indicator_id BIGINT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('baseline', 'target', 'milestone')),
    position BIGINT NOT NULL,
    on_date TEXT NOT NULL CHECK (on_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    value DOUBLE PRECISION NOT NULL,
    example BOOLEAN NOT NULL,
    PRIMARY KEY (city_id, indicator_id, role, position),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id)
);

CREATE TABLE indicator_regions (
    city_id BIGINT NOT NULL,
    indicator_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (city_id, indicator_id, region),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id),
    FOREIGN KEY (city_id, region) REFERENCES regions (city_id, slug)
);

CREATE TABLE indicator_goals (
    city_id BIGINT NOT NULL,
    indicator_id BIGINT NOT NULL,
    goal_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (city_id, indicator_id, goal_id),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id)
);

-- Who or what entered values, when and from which source; shared by the values of one import.
CREATE TABLE provenances (
    city_id BIGINT NOT NULL REFERENCES cities (id),
    id BIGINT NOT NULL,
    source TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    example BOOLEAN NOT NULL,
    PRIMARY KEY (city_id, id)
);

CREATE TABLE indicator_values (
    city_id BIGINT NOT NULL,
    indicator_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    on_date TEXT NOT NULL CHECK (on_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    value DOUBLE PRECISION NOT NULL,
    provenance_id BIGINT NOT NULL,
    PRIMARY KEY (city_id, indicator_id, region, on_date),
    FOREIGN KEY (city_id, indicator_id, region) REFERENCES indicator_regions (city_id, indicator_id, region),
    FOREIGN KEY (city_id, provenance_id) REFERENCES provenances (city_id, id)
);

-- A value replaced by a later import, kept so that a correction never loses what was published.
CREATE TABLE indicator_corrections (
    city_id BIGINT NOT NULL,
    indicator_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    on_date TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    provenance_id BIGINT NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (city_id, indicator_id, position),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id),
    FOREIGN KEY (city_id, provenance_id) REFERENCES provenances (city_id, id)
);

CREATE TABLE targets (
    city_id BIGINT NOT NULL REFERENCES cities (id),
    id BIGINT NOT NULL,
    year BIGINT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    organisation TEXT NOT NULL,
    responsible TEXT NOT NULL,
    binding BOOLEAN NOT NULL,
    example BOOLEAN NOT NULL,
    copied_from BIGINT,
    grade TEXT CHECK (grade IN ('achieved', 'partly_achieved', 'not_achieved', 'not_assessable')),
    PRIMARY KEY (city_id, id),
    FOREIGN KEY (city_id, organisation) REFERENCES organisations (city_id, slug),
    FOREIGN KEY (city_id, responsible) REFERENCES organisations (city_id, slug)
);

CREATE TABLE target_goals (
    city_id BIGINT NOT NULL,
    target_id BIGINT NOT NULL,
    goal_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (city_id, target_id, goal_id),
    FOREIGN KEY (city_id, target_id) REFERENCES targets (city_id, id)
);

CREATE TABLE target_indicators (
    city_id BIGINT NOT NULL,
    target_id BIGINT NOT NULL,
    indicator_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (city_id, target_id, indicator_id),
    FOREIGN KEY (city_id, target_id) REFERENCES targets (city_id, id),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id)
);

CREATE TABLE action_progress (
    city_id BIGINT NOT NULL REFERENCES cities (id),
    action_id BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('not_started', 'in_progress', 'delayed', 'completed')),
    percent BIGINT CHECK (percent BETWEEN 0 AND 100),
    as_of TEXT NOT NULL CHECK (as_of ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    example BOOLEAN NOT NULL,
    PRIMARY KEY (city_id, action_id)
);
