-- Emails to send, written in the same transaction as the change that is their reason, so an email is
-- queued exactly when its reason commits. Servers claim due rows with a lease and send them over SMTP (or
-- write them to the log in console mode); a row is marked sent right after the server accepts it, so only a
-- server killed between the two can send one twice, and then with the same Message-ID.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The Message-ID header, without angle brackets; the same on every attempt, so duplicates are recognisable.
    message_id TEXT NOT NULL UNIQUE,
    -- Why it is sent, e.g. 'password_reset'.
    purpose TEXT NOT NULL,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    -- 'queued' until sent; 'failed' after its last attempt; 'bounced' when a server refused it for good (5xx).
    state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'bounced')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    -- A queued row a server is sending: whose, and until when; claimed again once the lease has run out.
    leased_by TEXT,
    leased_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    -- When the last attempt ended, and when the message was accepted.
    attempted_at TEXT,
    sent_at TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);

-- Password reset links: only a hash of the token is kept, each used at most once and before it expires.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX password_resets_account ON password_resets (account_id);
