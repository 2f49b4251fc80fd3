-- What approving a strategy version records besides its date (`approved_on`) and its decision body (the
-- `approved_by` text): where the decision is minuted, and why it was approved although the lint found errors.
-- Versions approved before the workflow (loaded from their source files) have neither.
ALTER TABLE strategy_versions ADD COLUMN minutes_ref TEXT;
ALTER TABLE strategy_versions ADD COLUMN lint_override_reason TEXT;
