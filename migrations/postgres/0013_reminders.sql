-- Reminders by email: how often each action and indicator should be updated, which reminders were sent, which
-- weekly digests were sent, and who does not want the digest. Whom a reminder goes to is the owner relation
-- that exists already (`assignments`: action owners and the actions and indicators they answer for).
-- Self-contained: it assumes only the tables of migrations 0001 to 0011.

-- An item's update interval; an item without a row has none and is never reminded of. Keyed as assignments
-- are ('action', '32'; 'indicator', '17'). `set_at` is where the first period starts for an item never updated.
CREATE TABLE update_intervals (
    kind TEXT NOT NULL CHECK (kind IN ('action', 'indicator')),
    key TEXT NOT NULL,
    every TEXT NOT NULL CHECK (every IN ('monthly', 'quarterly', 'yearly')),
    set_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);

-- Reminders sent, each written in the same transaction as its emails in mail_outbox. A reminder the job sends
-- because an update is due ('due') is unique per item and due date, so a restart or a second server finds it
-- sent and sends nothing; a reminder a person sends by hand ('manual') may be sent any time.
CREATE TABLE reminders_sent (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'indicator')),
    key TEXT NOT NULL,
    cause TEXT NOT NULL CHECK (cause IN ('due', 'manual')),
    due_on TEXT NOT NULL CHECK (due_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    recipients BIGINT NOT NULL,
    actor TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE UNIQUE INDEX reminders_sent_once_per_due_date ON reminders_sent (kind, key, due_on) WHERE cause = 'due';
CREATE INDEX reminders_sent_of_item ON reminders_sent (kind, key, sent_at);

-- Weekly digests sent: one per organisation and week (the Monday it starts), written with its emails.
CREATE TABLE digests_sent (
    organisation TEXT NOT NULL,
    week_of TEXT NOT NULL CHECK (week_of ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    recipients BIGINT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (organisation, week_of)
);

-- Whether the person has said no to the weekly digest (on their own page); reminders of their own items still
-- come.
ALTER TABLE accounts ADD COLUMN digest_opt_out BOOLEAN NOT NULL DEFAULT FALSE;
