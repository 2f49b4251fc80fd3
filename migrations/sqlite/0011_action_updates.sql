-- Status updates that action owners post about their actions, oldest first by id. Posting one appends a row
-- here and sets the action's current progress (action_progress) in the same transaction, so everything that
-- reads the current progress (the situational picture, the goal pages) follows the latest update. Progress
-- reported before this table existed has no rows here: it stays the current state, without a narrative.
-- Self-contained: it assumes only the tables of migrations 0001 to 0009.
CREATE TABLE action_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    city_id INTEGER NOT NULL REFERENCES cities (id),
    action_id INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('not_started', 'in_progress', 'delayed', 'completed')),
    percent INTEGER CHECK (percent BETWEEN 0 AND 100),
    as_of TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- Markdown; Finnish is the source, so a translation needs it.
    narrative_fi TEXT,
    narrative_sv TEXT,
    narrative_en TEXT,
    -- The links to evidence, a JSON array of {"title": text or null, "url": "https://…"}; '[]' for none.
    evidence TEXT NOT NULL,
    -- The account that posted it (kept if the account is ever removed: then NULL), and the actor as the audit
    -- log names it (`user:12`, or `user:12/token:3` through the write API).
    author_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (narrative_fi IS NOT NULL OR (narrative_sv IS NULL AND narrative_en IS NULL))
);
CREATE INDEX action_updates_of_action ON action_updates (city_id, action_id, id);
