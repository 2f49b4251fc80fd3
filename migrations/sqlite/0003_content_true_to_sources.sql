-- Content true to its sources (issue 14), in one migration so that a new database takes as few write
-- transactions as possible while several processes may be opening it at once.

-- When an organisation existed under its name (YYYY-MM-DD, inclusive; NULL = not recorded), so a reorganisation
-- adds organisations with a later valid_from instead of renaming the ones earlier targets were set under.
ALTER TABLE organisations ADD COLUMN valid_from TEXT CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE organisations ADD COLUMN valid_to TEXT CHECK (valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- Values' sources in three languages like every other text: `source` stays the Finnish text (what an import
-- file's `source` column gives), its translations sit beside it and `source_reviewed` lists the reviewed ones.
ALTER TABLE provenances ADD COLUMN source_sv TEXT;
ALTER TABLE provenances ADD COLUMN source_en TEXT;
ALTER TABLE provenances ADD COLUMN source_reviewed TEXT NOT NULL DEFAULT '';

-- Content true to its sources: figures the strategy states as estimates are projections (never targets),
-- figures it gives only roughly or without a date say so, a target can be a ceiling ("enintään"), and an
-- indicator whose publisher has stated no licence has none (NULL) rather than one nobody granted.
--
-- SQLite cannot change a CHECK or drop a NOT NULL in place, so both tables are rebuilt under their own names.
-- `indicators` is the parent of five tables: with foreign keys deferred (allowed inside the migration's
-- transaction, unlike switching them off), dropping it counts every child row as a violation and inserting
-- the same rows into the new table counts them back, so the commit succeeds only if every parent returned.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE indicators_copy AS SELECT * FROM indicators;
DROP TABLE indicators;
CREATE TABLE indicators (
    city_id INTEGER NOT NULL REFERENCES cities (id),
    id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 6),
    direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease', 'band', 'ceiling')),
    band_low REAL,
    band_high REAL,
    frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'annual', 'irregular')),
    licence TEXT,
    PRIMARY KEY (city_id, id),
    UNIQUE (city_id, slug)
);
INSERT INTO indicators (city_id, id, slug, decimals, direction, band_low, band_high, frequency, licence)
    SELECT city_id, id, slug, decimals, direction, band_low, band_high, frequency, licence FROM indicators_copy;
DROP TABLE indicators_copy;

CREATE TABLE indicator_references_copy AS SELECT * FROM indicator_references;
DROP TABLE indicator_references;
CREATE TABLE indicator_references (
    city_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('baseline', 'target', 'milestone', 'projection')),
    position INTEGER NOT NULL,
    on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    value REAL NOT NULL,
    example INTEGER NOT NULL CHECK (example IN (0, 1)),
    approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
    date_assumed INTEGER NOT NULL DEFAULT 0 CHECK (date_assumed IN (0, 1)),
    PRIMARY KEY (city_id, indicator_id, role, position),
    FOREIGN KEY (city_id, indicator_id) REFERENCES indicators (city_id, id)
);
INSERT INTO indicator_references (city_id, indicator_id, role, position, on_date, value, example)
    SELECT city_id, indicator_id, role, position, on_date, value, example FROM indicator_references_copy;
DROP TABLE indicator_references_copy;
