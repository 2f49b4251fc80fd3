-- Staff accounts, their sessions and sign-in throttling, and the audit details of every change.
-- Roles are kept here, whatever signs a person in (a local password or the city's OpenID provider).
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    -- Lower-cased, so that one address is one account however it is typed.
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'strategy_editor', 'department_editor', 'action_owner', 'viewer')),
    -- The organisation a department editor edits (with its units); NULL for city-wide roles.
    organisation TEXT,
    language TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
    -- An argon2id PHC string; NULL when the person signs in only through OpenID Connect.
    password_hash TEXT,
    -- The OpenID provider's subject, once the person has signed in through it.
    oidc_subject TEXT UNIQUE,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- What an action owner owns: actions ('action', key '32') and indicators ('indicator', key '17').
CREATE TABLE assignments (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'indicator')),
    key TEXT NOT NULL,
    PRIMARY KEY (account_id, kind, key)
);

-- Signed-in sessions. Only a hash of the token is kept, so a copy of the database signs nobody in.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- Sent back in every form of the session and compared on each state-changing request.
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    -- The absolute end; the idle end is last_seen_at plus the idle time-out.
    expires_at TEXT NOT NULL,
    -- Shown to the person in their list of sessions, to tell their devices apart.
    user_agent TEXT NOT NULL
);
CREATE INDEX sessions_of_account ON sessions (account_id);

-- Failed sign-ins, per account ('account:<email>') and per address ('address:<ip>'), for throttling and
-- temporary lockout across every server sharing the database. Old rows are pruned as new ones arrive.
CREATE TABLE sign_in_failures (
    key TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, at);

-- OpenID Connect sign-ins under way: the state sent to the provider (hashed), with the PKCE verifier and the
-- nonce to check its answer against, and where to go afterwards. Kept for minutes, and in the database so that
-- whichever server sharing it gets the answer can finish the sign-in.
CREATE TABLE oidc_logins (
    state_hash TEXT PRIMARY KEY,
    verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    next TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The change log becomes the audit log: what was changed (the subject) and how, before and after.
ALTER TABLE change_log ADD COLUMN action TEXT NOT NULL DEFAULT '';
ALTER TABLE change_log ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE change_log ADD COLUMN before_json TEXT;
ALTER TABLE change_log ADD COLUMN after_json TEXT;
CREATE INDEX change_log_by_actor ON change_log (actor, at);
