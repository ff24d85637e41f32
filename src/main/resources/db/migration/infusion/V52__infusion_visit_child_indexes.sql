-- A visit's records are read by visit (and a patient's charts by all their visits at once): every visit table
-- is reached through an index starting (clinic_id, visit_id). The others already have one (their primary key or
-- infusion_vitals_visit and infusion_events_visit).
CREATE INDEX infusion_overrides_visit ON infusion_overrides (clinic_id, visit_id, signed_at);
CREATE INDEX infusion_checks_visit ON infusion_checks (clinic_id, visit_id, recorded_at);
CREATE INDEX infusion_alarms_visit ON infusion_alarms (clinic_id, visit_id, raised_at);
CREATE INDEX infusion_assessments_visit ON infusion_assessments (clinic_id, visit_id, taken_at);
CREATE INDEX infusion_adverse_events_visit ON infusion_adverse_events (clinic_id, visit_id, at);
CREATE INDEX infusion_amendments_visit ON infusion_amendments (clinic_id, visit_id, amended_at);
