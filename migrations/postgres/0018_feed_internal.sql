-- A feed entry of kind 'internal': a write that changes nothing a server holds in memory (a draft's texts or
-- structure, a version's way to review) moves the data version without making every server read the strategy
-- anew.
ALTER TABLE change_feed DROP CONSTRAINT change_feed_kind_check;
ALTER TABLE change_feed ADD CONSTRAINT change_feed_kind_check
    CHECK (kind IN ('replace', 'outline', 'values', 'corrections', 'internal'));
