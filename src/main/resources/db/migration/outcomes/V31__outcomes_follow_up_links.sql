-- One personal link for the follow-up PHQ-9 per follow-up appointment, however often the job runs: the row is claimed
-- in the same transaction as the link and its sending. No foreign key to appointments: the course module's tables come
-- after this module's migrations.
CREATE TABLE outcome_follow_up_links (
    clinic_id      UUID NOT NULL REFERENCES clinics (id),
    appointment_id UUID NOT NULL,
    patient_id     UUID NOT NULL,
    link_id        UUID,
    sent_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, appointment_id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, link_id) REFERENCES outcome_questionnaire_links (clinic_id, id)
);
