-- Answers to questionnaires and rating scales. A response is never changed or removed: a correction is a new response
-- that names the one it corrects. Totals are kept as scored with the definition in force, so a report can be
-- reproduced from the rows.
CREATE TABLE outcome_responses (
    clinic_id         UUID NOT NULL REFERENCES clinics (id),
    id                UUID NOT NULL,
    patient_id        UUID NOT NULL,
    instrument        TEXT NOT NULL,
    time_point        TEXT NOT NULL CHECK (time_point ~ '^(baseline|post-induction|1-month-follow-up|booster|(pre|post)-infusion-[1-9][0-9]?)$'),
    -- One element per item in order; NULL where the item was not answered.
    answers           INT[] NOT NULL,
    total             INT,
    severity          TEXT,
    complete          BOOLEAN NOT NULL,
    prorated          BOOLEAN NOT NULL,
    flags             TEXT[] NOT NULL,
    answered_by       TEXT NOT NULL CHECK (answered_by IN ('PATIENT', 'STAFF')),
    source            TEXT NOT NULL CHECK (source IN ('STAFF_ENTRY', 'API', 'PATIENT_LINK')),
    -- The staff member who entered the answers, or who sent the personal link the patient answered.
    recorded_by       UUID NOT NULL,
    recorded_by_name  TEXT NOT NULL,
    answered_at       TIMESTAMPTZ NOT NULL,
    recorded_at       TIMESTAMPTZ NOT NULL,
    corrects          UUID,
    correction_reason TEXT CHECK (length(correction_reason) BETWEEN 1 AND 1000),
    -- SHA-256 over the record's content, so the signed content cannot be altered unnoticed.
    content_hash      TEXT NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES staff_users (clinic_id, id),
    FOREIGN KEY (clinic_id, corrects) REFERENCES outcome_responses (clinic_id, id),
    CHECK ((corrects IS NULL) = (correction_reason IS NULL)),
    CHECK (complete OR prorated OR total IS NULL),
    CHECK (answered_at <= recorded_at)
);
-- A response is corrected at most once; a correction may itself be corrected.
CREATE UNIQUE INDEX outcome_responses_corrects_uq ON outcome_responses (clinic_id, corrects) WHERE corrects IS NOT NULL;
CREATE INDEX outcome_responses_patient_idx ON outcome_responses (clinic_id, patient_id, instrument, answered_at);
CREATE INDEX outcome_responses_instrument_idx ON outcome_responses (clinic_id, instrument, answered_at);
CREATE TRIGGER outcome_responses_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON outcome_responses
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();

-- Urgent alerts for the clinic's physicians, raised by a response's answers (a positive suicide item). The one change
-- allowed is the acknowledgement with the action taken.
CREATE TABLE outcome_safety_alerts (
    clinic_id            UUID NOT NULL REFERENCES clinics (id),
    id                   UUID NOT NULL,
    patient_id           UUID NOT NULL,
    response_id          UUID NOT NULL,
    instrument           TEXT NOT NULL,
    flag                 TEXT NOT NULL,
    message              TEXT NOT NULL,
    raised_at            TIMESTAMPTZ NOT NULL,
    acknowledged_by      UUID,
    acknowledged_by_name TEXT,
    acknowledged_at      TIMESTAMPTZ,
    action_taken         TEXT CHECK (length(action_taken) BETWEEN 1 AND 2000),
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, response_id) REFERENCES outcome_responses (clinic_id, id),
    FOREIGN KEY (clinic_id, acknowledged_by) REFERENCES staff_users (clinic_id, id),
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)
        AND (acknowledged_at IS NULL) = (acknowledged_by_name IS NULL)
        AND (acknowledged_at IS NULL) = (action_taken IS NULL))
);
CREATE UNIQUE INDEX outcome_safety_alerts_flag_uq ON outcome_safety_alerts (clinic_id, response_id, flag);
CREATE INDEX outcome_safety_alerts_open_idx ON outcome_safety_alerts (clinic_id, raised_at) WHERE acknowledged_at IS NULL;

CREATE FUNCTION guard_outcome_safety_alert() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'outcome_safety_alerts is history: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.acknowledged_at IS NOT NULL
        OR NEW.clinic_id <> OLD.clinic_id OR NEW.id <> OLD.id OR NEW.patient_id <> OLD.patient_id
        OR NEW.response_id <> OLD.response_id OR NEW.instrument <> OLD.instrument OR NEW.flag <> OLD.flag
        OR NEW.message <> OLD.message OR NEW.raised_at <> OLD.raised_at THEN
        RAISE EXCEPTION 'a safety alert can only be acknowledged, once' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER outcome_safety_alerts_guard
    BEFORE UPDATE OR DELETE ON outcome_safety_alerts
    FOR EACH ROW EXECUTE FUNCTION guard_outcome_safety_alert();

-- Personal links that let a patient answer one questionnaire without signing in. Only a SHA-256 of the token is kept;
-- a link is used once and expires.
CREATE TABLE outcome_questionnaire_links (
    clinic_id   UUID NOT NULL REFERENCES clinics (id),
    id          UUID NOT NULL,
    patient_id  UUID NOT NULL,
    instrument  TEXT NOT NULL,
    time_point  TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    issued_by   UUID NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    response_id UUID,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, issued_by) REFERENCES staff_users (clinic_id, id),
    FOREIGN KEY (clinic_id, response_id) REFERENCES outcome_responses (clinic_id, id),
    CHECK ((used_at IS NULL) = (response_id IS NULL)),
    CHECK (expires_at > issued_at)
);
CREATE UNIQUE INDEX outcome_questionnaire_links_hash_uq ON outcome_questionnaire_links (token_hash);
CREATE INDEX outcome_questionnaire_links_patient_idx ON outcome_questionnaire_links (clinic_id, patient_id, issued_at);
