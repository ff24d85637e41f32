-- Who cleared a warning and why (a physician's decision on a relapse, a new screening, a planned course), kept with
-- the warning instead of only in the audit trail.
ALTER TABLE patient_flags
    ADD COLUMN cleared_by UUID,
    ADD COLUMN clear_reason TEXT CHECK (length(clear_reason) BETWEEN 1 AND 2000),
    ADD FOREIGN KEY (clinic_id, cleared_by) REFERENCES staff_users (clinic_id, id),
    ADD CHECK (cleared_at IS NOT NULL OR (cleared_by IS NULL AND clear_reason IS NULL));
