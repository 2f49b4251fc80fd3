-- Surveys that residents answer (issue 12). A survey's definition is kept whole as JSON (see
-- domain::survey::definition), read and checked as one value. Answers are one row per submission, with no
-- address and nothing else that tells who sent it: the receipt code, shown once on the thank-you page, is the
-- only way back to a row (for erasing it on request). Results never read the answers: every answer also adds
-- one, in the same transaction, to the counts of each value it gave, by language, region and example flag
-- (survey_counts), and by day (survey_daily_counts, which an indicator's daily and monthly figures will be
-- made from), so the results of a million answers read a few hundred rows. Answers take no data version and
-- add nothing to the change feed: the public strategy snapshot does not show them.
-- Self-contained: it assumes only the tables of migrations 0001 to 0015.
CREATE TABLE surveys (
    id BIGSERIAL PRIMARY KEY,
    city_id BIGINT NOT NULL REFERENCES cities (id),
    slug TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (city_id, slug)
);

CREATE TABLE survey_answers (
    id BIGSERIAL PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys (id),
    receipt TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
    submitted_at TEXT NOT NULL,
    -- The region the resident gave, '' when none.
    region TEXT NOT NULL,
    -- {question key: answer} as domain::survey::answer::Answer, free texts as typed.
    answers TEXT NOT NULL,
    -- Sample answers loaded by an explicit command, never a resident's.
    example BOOLEAN NOT NULL
);
CREATE INDEX survey_answers_of_survey ON survey_answers (survey_id, id);

-- question '*' counts whole submissions; value '' counts "answered" where the values do not add up to it.
CREATE TABLE survey_counts (
    survey_id BIGINT NOT NULL REFERENCES surveys (id),
    question TEXT NOT NULL,
    value TEXT NOT NULL,
    lang TEXT NOT NULL,
    region TEXT NOT NULL,
    example BOOLEAN NOT NULL,
    count BIGINT NOT NULL CHECK (count >= 0),
    PRIMARY KEY (survey_id, question, value, lang, region, example)
);

CREATE TABLE survey_daily_counts (
    survey_id BIGINT NOT NULL REFERENCES surveys (id),
    -- The day in UTC, YYYY-MM-DD.
    day TEXT NOT NULL,
    question TEXT NOT NULL,
    value TEXT NOT NULL,
    example BOOLEAN NOT NULL,
    count BIGINT NOT NULL CHECK (count >= 0),
    PRIMARY KEY (survey_id, day, question, value, example)
);

-- The key that signs the start time in survey forms, shared by every server so that a form drawn by one can
-- be sent to another. Made by the first server that needs it.
CREATE TABLE survey_form_key (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);
