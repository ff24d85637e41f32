-- Psychotherapy around the infusions: preparation before a course, integration after infusions. A session note is
-- signed by its therapist when it is recorded and never changed; what was left out or needs correcting is an addendum
-- that points at it.
CREATE TABLE therapy_sessions (
    clinic_id        UUID NOT NULL REFERENCES clinics (id),
    id               UUID NOT NULL,
    patient_id       UUID NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('PREPARATION', 'INTEGRATION', 'PSYCHOTHERAPY')),
    held_at          TIMESTAMPTZ NOT NULL,
    minutes          INT NOT NULL CHECK (minutes BETWEEN 5 AND 480),
    note             TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 20000),
    therapist_id     UUID NOT NULL,
    signed_at        TIMESTAMPTZ NOT NULL,
    signature_meaning TEXT NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, therapist_id) REFERENCES staff_users (clinic_id, id),
    CHECK (held_at <= signed_at)
);
CREATE INDEX therapy_sessions_patient_idx ON therapy_sessions (clinic_id, patient_id, held_at);
CREATE TRIGGER therapy_sessions_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON therapy_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();

CREATE TABLE therapy_session_addenda (
    clinic_id    UUID NOT NULL REFERENCES clinics (id),
    id           UUID NOT NULL,
    session_id   UUID NOT NULL,
    text         TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
    reason       TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    recorded_by  UUID NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, session_id) REFERENCES therapy_sessions (clinic_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES staff_users (clinic_id, id)
);
CREATE INDEX therapy_session_addenda_session_idx ON therapy_session_addenda (clinic_id, session_id, recorded_at);
CREATE TRIGGER therapy_session_addenda_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON therapy_session_addenda
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
