-- Content true to its sources (issue 14), in one migration so that a new database takes as few write
-- transactions as possible while several processes may be opening it at once.

-- When an organisation existed under its name (YYYY-MM-DD, inclusive; NULL = not recorded), so a reorganisation
-- adds organisations with a later valid_from instead of renaming the ones earlier targets were set under.
ALTER TABLE organisations ADD COLUMN valid_from TEXT CHECK (valid_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');
ALTER TABLE organisations ADD COLUMN valid_to TEXT CHECK (valid_to ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');

-- Values' sources in three languages like every other text: `source` stays the Finnish text (what an import
-- file's `source` column gives), its translations sit beside it and `source_reviewed` lists the reviewed ones.
ALTER TABLE provenances ADD COLUMN source_sv TEXT;
ALTER TABLE provenances ADD COLUMN source_en TEXT;
ALTER TABLE provenances ADD COLUMN source_reviewed TEXT NOT NULL DEFAULT '';

-- Content true to its sources: figures the strategy states as estimates are projections (never targets),
-- figures it gives only roughly or without a date say so, a target can be a ceiling ("enintään"), and an
-- indicator whose publisher has stated no licence has none (NULL) rather than one nobody granted.
ALTER TABLE indicators DROP CONSTRAINT indicators_direction_check;
ALTER TABLE indicators ADD CONSTRAINT indicators_direction_check
    CHECK (direction IN ('increase', 'decrease', 'band', 'ceiling'));
ALTER TABLE indicators ALTER COLUMN licence DROP NOT NULL;

ALTER TABLE indicator_references DROP CONSTRAINT indicator_references_role_check;
ALTER TABLE indicator_references ADD CONSTRAINT indicator_references_role_check
    CHECK (role IN ('baseline', 'target', 'milestone', 'projection'));
ALTER TABLE indicator_references ADD COLUMN approximate BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE indicator_references ADD COLUMN date_assumed BOOLEAN NOT NULL DEFAULT FALSE;
