-- The patient module's published read model of who a patient is: other modules show a patient's name and MRN on
-- lists (the live board, charts) by joining this view, never the patient tables themselves.
CREATE VIEW patient_names AS
SELECT clinic_id, id, given_name, family_name, mrn
  FROM patients;
