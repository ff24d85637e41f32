-- Changes KetaCare makes by itself rather than a staff member: a status corrected by a startup task, a warning raised
-- by a clinical rule (a relapse after the course ended). Such rows name no staff member; the audit trail names the task.
ALTER TABLE patient_status_changes ALTER COLUMN changed_by DROP NOT NULL;
ALTER TABLE patient_flags ALTER COLUMN raised_by DROP NOT NULL;

-- The published read model gains the patient's status, for other modules' tasks that look for patients in a status
-- across the clinic (the course module's status backfill finds patients still in course whose course ended).
CREATE OR REPLACE VIEW patient_names AS
SELECT clinic_id, id, given_name, family_name, mrn, status
  FROM patients;

-- Few patients are in a course at once: the backfill's check at every startup reads this small index only.
CREATE INDEX patients_in_course_idx ON patients (clinic_id, id) WHERE status = 'IN_COURSE';
