-- API tokens for integrations: each acts for one account, narrowed to a role of its own and, for a department
-- editor, an organisation (with its units) or, for an action owner, the items in api_token_assignments. Only a
-- hash of the secret is kept, as for sessions, so a copy of the database authenticates nobody. A revoked token
-- stays, so that the audit log's references to it keep their meaning.
CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'strategy_editor', 'department_editor', 'action_owner', 'viewer')),
    organisation TEXT,
    created_at TEXT NOT NULL,
    -- The actor that created it, e.g. 'user:1' or 'cli:token-add'.
    created_by TEXT NOT NULL,
    -- NULL: it does not expire by itself.
    expires_at TEXT,
    revoked_at TEXT,
    revoked_by TEXT
);
CREATE INDEX api_tokens_of_account ON api_tokens (account_id);

-- What an action owner's token reaches: actions ('action', key '32') and indicators ('indicator', key '17').
CREATE TABLE api_token_assignments (
    token_id BIGINT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'indicator')),
    key TEXT NOT NULL,
    PRIMARY KEY (token_id, kind, key)
);
