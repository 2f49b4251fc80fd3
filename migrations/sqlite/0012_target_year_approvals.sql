-- Each time the council's approval of a budget year's targets was recorded: when, by whom, and, when the lint
-- found errors in the year, the reason they were overridden and the errors themselves. A reopened year keeps
-- its rows: the latest row of a year is its approval while any of its targets stands approved, and the earlier
-- ones are its history. Years approved before this table existed have no row (nothing was overridden).
-- Self-contained: it assumes only the tables of migrations 0001 to 0009.
CREATE TABLE target_year_approvals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    city_id INTEGER NOT NULL REFERENCES cities (id),
    year INTEGER NOT NULL,
    approved_at TEXT NOT NULL,
    -- The account that approved (NULL if the account is ever removed, or for an imported row), and the actor
    -- as the audit log names it (`user:12`, or `user:12/token:3` through the write API).
    approved_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    actor TEXT NOT NULL,
    lint_override TEXT,
    -- The lint's error messages that the override accepted, a JSON array of strings; '[]' when clean.
    overridden TEXT NOT NULL,
    CHECK ((lint_override IS NULL) = (overridden = '[]'))
);
CREATE INDEX target_year_approvals_of_year ON target_year_approvals (city_id, year, id);
