-- Amendments correct more than vital signs: an adverse event, a monitoring assessment, and a late entry (addendum)
-- to the visit as a whole. A late entry has no original value; every other correction keeps the value it replaces
-- (an adverse event's optional description may have had none).
ALTER TABLE infusion_amendments ALTER COLUMN original_value DROP NOT NULL;
ALTER TABLE infusion_amendments ADD CONSTRAINT infusion_amendments_target_check
    CHECK (target IN ('vitals', 'adverse-event', 'assessment', 'visit'));
ALTER TABLE infusion_amendments ADD CONSTRAINT infusion_amendments_addendum_check
    CHECK ((target = 'visit') = (field = 'addendum') AND (target <> 'visit' OR (target_id = visit_id AND original_value IS NULL)));
ALTER TABLE infusion_amendments ADD CONSTRAINT infusion_amendments_original_check
    CHECK (original_value IS NOT NULL OR target = 'visit' OR (target = 'adverse-event' AND field = 'description'));
