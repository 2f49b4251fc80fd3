-- Where each performance target stands on its way to the council: prepared ('draft'), proposed with the
-- budget ('proposed'), or approved by the council ('approved'). The public sees approved targets only.
-- Targets held before this column existed came from data files of approved budgets.
ALTER TABLE targets ADD COLUMN status TEXT NOT NULL DEFAULT 'approved'
    CHECK (status IN ('draft', 'proposed', 'approved'));
