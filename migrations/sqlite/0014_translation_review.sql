-- Who reviewed a translation and when: the actor as the audit log names it (`user:12`) and an RFC 3339
-- instant. NULL on a reviewed text means it came reviewed from a data file or was typed by staff in an item's
-- own form, before reviews were recorded; on an unreviewed text both are always NULL.
ALTER TABLE texts ADD COLUMN reviewed_by TEXT;
ALTER TABLE texts ADD COLUMN reviewed_at TEXT;
ALTER TABLE cascade_texts ADD COLUMN reviewed_by TEXT;
ALTER TABLE cascade_texts ADD COLUMN reviewed_at TEXT;
