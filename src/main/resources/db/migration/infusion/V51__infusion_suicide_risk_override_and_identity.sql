-- A physician may override the suicide-risk block (PHQ-9 item 9 positive, C-SSRS moderate or high) with a signed reason.
ALTER TABLE infusion_overrides DROP CONSTRAINT infusion_overrides_kind_check;
ALTER TABLE infusion_overrides ADD CONSTRAINT infusion_overrides_kind_check
    CHECK (kind IN ('ESCORT', 'BLOOD_PRESSURE', 'SUICIDE_RISK'));

-- The patient's identity (name and date of birth) confirmed at check-in; NULL for visits checked in before it was
-- recorded.
ALTER TABLE infusion_visits ADD COLUMN identity_confirmed BOOLEAN CHECK (identity_confirmed);
