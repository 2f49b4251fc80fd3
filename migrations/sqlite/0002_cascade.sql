-- The yearly cascade: organisations, regions, indicators with their values and corrections, annual targets
-- and action progress. They belong to the city (not to a strategy version) and refer to goals and actions by
-- their stable ids. Texts live in `cascade_texts`, one row per field and language, as strategy texts do.
CREATE TABLE cascade_texts (
    city_id INTEGER NOT NULL REFERENCES cities (id),
    owner_kind TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    field TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
    body TEXT NOT NULL,
    reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
    PRIMARY KEY (city_id, owner_kind, owner_key, field, lang)
);

CREATE TABLE organisations (
    city_id INTEGER NOT NULL REFERENCES cities (id),
    slug TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('city', 'department', 'enterprise', 'unit')),
    parent TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (city_id, slug),
    FOREIGN KEY (city_id, parent) REFERENCES organisations (city_id, slug)
);

CREATE TABLE regions (
    city_id INTEGER NOT NULL REFERENCES cities (id),
    slug TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('city', 'city_centre', 'local_centre', 'planned_centre')),
    position INTEGER NOT NULL,
    PRIMARY KEY (city_id, slug)
);

CREATE TABLE indicators (
    city_id INTEGER NOT NULL REFERENCES cities (id),
    id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 6),
    direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease', 'band')),
    band_low REAL,
    band_high REAL,
    frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'annual', 'irregular')),
    licence TEXT NOT NULL,
    PRIMARY KEY (city_id, id),
    UNIQUE (city_id, slug)
);

CREATE TABLE indicator_references (
    city_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('baseline', 'target', 'milestone')),
    position INTEGER NOT NULL,
    on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    value REAL NOT NULL,
    example INTEGER NOT NULL CHECK (example IN (0, 1)),
    PRIMARY KEY (city_id, indicator_id, role, position),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id)
);

CREATE TABLE indicator_regions (
    city_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    region TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (city_id, indicator_id, region),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id),
    FOREIGN KEY (city_id, region) REFERENCES regions (city_id, slug)
);

CREATE TABLE indicator_goals (
    city_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    goal_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (city_id, indicator_id, goal_id),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id)
);

-- Who or what entered values, when and from which source; shared by the values of one import.
CREATE TABLE provenances (
    city_id INTEGER NOT NULL REFERENCES cities (id),
    id INTEGER NOT NULL,
    source TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    example INTEGER NOT NULL CHECK (example IN (0, 1)),
    PRIMARY KEY (city_id, id)
);

CREATE TABLE indicator_values (
    city_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    region TEXT NOT NULL,
    on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    value REAL NOT NULL,
    provenance_id INTEGER NOT NULL,
    PRIMARY KEY (city_id, indicator_id, region, on_date),
    FOREIGN KEY (city_id, indicator_id, region) REFERENCES indicator_regions (city_id, indicator_id, region),
    FOREIGN KEY (city_id, provenance_id) REFERENCES provenances (city_id, id)
);

-- A value replaced by a later import, kept so that a correction never loses what was published.
CREATE TABLE indicator_corrections (
    city_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    region TEXT NOT NULL,
    on_date TEXT NOT NULL,
    value REAL NOT NULL,
    provenance_id INTEGER NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (city_id, indicator_id, position),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id),
    FOREIGN KEY (city_id, provenance_id) REFERENCES provenances (city_id, id)
);

CREATE TABLE targets (
    city_id INTEGER NOT NULL REFERENCES cities (id),
    id INTEGER NOT NULL,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    organisation TEXT NOT NULL,
    responsible TEXT NOT NULL,
    binding INTEGER NOT NULL CHECK (binding IN (0, 1)),
    example INTEGER NOT NULL CHECK (example IN (0, 1)),
    copied_from INTEGER,
    grade TEXT CHECK (grade IN ('achieved', 'partly_achieved', 'not_achieved', 'not_assessable')),
    PRIMARY KEY (city_id, id),
    FOREIGN KEY (city_id, organisation) REFERENCES organisations (city_id, slug),
    FOREIGN KEY (city_id, responsible) REFERENCES organisations (city_id, slug)
);

CREATE TABLE target_goals (
    city_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    goal_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (city_id, target_id, goal_id),
    FOREIGN KEY (city_id, target_id) REFERENCES targets (city_id, id)
);

CREATE TABLE target_indicators (
    city_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (city_id, target_id, indicator_id),
    FOREIGN KEY (city_id, target_id) REFERENCES targets (city_id, id),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id)
);

CREATE TABLE action_progress (
    city_id INTEGER NOT NULL REFERENCES cities (id),
    action_id INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('not_started', 'in_progress', 'delayed', 'completed')),
    percent INTEGER CHECK (percent BETWEEN 0 AND 100),
    as_of TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    example INTEGER NOT NULL CHECK (example IN (0, 1)),
    PRIMARY KEY (city_id, action_id)
);
