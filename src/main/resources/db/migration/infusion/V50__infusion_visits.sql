-- The infusion visit: check-in, pre-infusion checks, the signed dose order, IV preparation, the infusion timeline,
-- monitoring, recovery, discharge, the closing signatures and amendments. Every record but the visit's own row is
-- append-only; the visit's row is refused any change once the visit is closed.

CREATE TABLE infusion_visits (
    clinic_id              UUID NOT NULL,
    id                     UUID NOT NULL,
    appointment_id         UUID NOT NULL,
    patient_id             UUID NOT NULL,
    room_id                UUID NOT NULL,
    room_name              TEXT NOT NULL,
    scheduled_start        TIMESTAMPTZ NOT NULL,
    weight_kg              NUMERIC(6, 2) NOT NULL CHECK (weight_kg > 0),
    height_cm              NUMERIC(5, 1),
    escort_name            TEXT,
    escort_phone           TEXT,
    status                 TEXT NOT NULL CHECK (status IN ('CHECKED_IN', 'ORDERED', 'PREPARED', 'INFUSING', 'PAUSED',
                                                           'RECOVERY', 'DISCHARGED', 'CLOSED')),
    checked_in_by          UUID NOT NULL,
    checked_in_at          TIMESTAMPTZ NOT NULL,
    infusion_started_at    TIMESTAMPTZ,
    infusion_ended_at      TIMESTAMPTZ,
    administered_mg        NUMERIC(8, 1),
    discharged_at          TIMESTAMPTZ,
    closed_at              TIMESTAMPTZ,
    version                INT NOT NULL DEFAULT 0,
    PRIMARY KEY (clinic_id, id),
    UNIQUE (clinic_id, appointment_id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, appointment_id) REFERENCES appointments (clinic_id, id),
    FOREIGN KEY (clinic_id, checked_in_by) REFERENCES staff_users (clinic_id, id)
);
CREATE INDEX infusion_visits_open ON infusion_visits (clinic_id, status) WHERE status <> 'CLOSED';
CREATE INDEX infusion_visits_patient ON infusion_visits (clinic_id, patient_id, checked_in_at);

-- A closed visit is read-only: corrections are amendments.
CREATE FUNCTION reject_change_of_closed_visit() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.status = 'CLOSED' THEN
        RAISE EXCEPTION 'infusion visit % is signed and closed: % is not allowed', OLD.id, TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER infusion_visits_closed_read_only BEFORE UPDATE OR DELETE ON infusion_visits
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_closed_visit();

-- Identity confirmation and escort at check-in, and physician overrides (escort, blood pressure), each signed.
CREATE TABLE infusion_overrides (
    clinic_id   UUID NOT NULL,
    id          UUID NOT NULL,
    visit_id    UUID NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('ESCORT', 'BLOOD_PRESSURE')),
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    signer_id   UUID NOT NULL,
    signer_name TEXT NOT NULL,
    signed_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, signer_id) REFERENCES staff_users (clinic_id, id)
);

CREATE TABLE infusion_checks (
    clinic_id       UUID NOT NULL,
    id              UUID NOT NULL,
    visit_id        UUID NOT NULL,
    fasting         BOOLEAN NOT NULL,
    pregnancy_test  TEXT NOT NULL CHECK (pregnancy_test IN ('NEGATIVE', 'POSITIVE', 'NOT_APPLICABLE')),
    new_medications TEXT NOT NULL,
    flagged         TEXT NOT NULL,
    recorded_by     UUID NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES staff_users (clinic_id, id)
);

CREATE TABLE infusion_vitals (
    clinic_id        UUID NOT NULL,
    id               UUID NOT NULL,
    visit_id         UUID NOT NULL,
    taken_at         TIMESTAMPTZ NOT NULL,
    stage            TEXT NOT NULL,
    systolic         INT NOT NULL,
    diastolic        INT NOT NULL,
    heart_rate       INT NOT NULL,
    spo2             INT NOT NULL,
    respiratory_rate INT NOT NULL,
    recorded_by      UUID NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES staff_users (clinic_id, id),
    CHECK (spo2 BETWEEN 0 AND 100 AND systolic >= diastolic AND heart_rate > 0)
);
CREATE INDEX infusion_vitals_visit ON infusion_vitals (clinic_id, visit_id, taken_at);

CREATE TABLE infusion_alarms (
    clinic_id    UUID NOT NULL,
    id           UUID NOT NULL,
    visit_id     UUID NOT NULL,
    vitals_id    UUID NOT NULL,
    code         TEXT NOT NULL,
    message      TEXT NOT NULL,
    raised_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, vitals_id) REFERENCES infusion_vitals (clinic_id, id)
);

CREATE TABLE infusion_alarm_responses (
    clinic_id    UUID NOT NULL,
    alarm_id     UUID NOT NULL,
    response     TEXT NOT NULL CHECK (length(response) BETWEEN 1 AND 1000),
    paused       BOOLEAN NOT NULL,
    responded_by UUID NOT NULL,
    responded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, alarm_id),
    FOREIGN KEY (clinic_id, alarm_id) REFERENCES infusion_alarms (clinic_id, id),
    FOREIGN KEY (clinic_id, responded_by) REFERENCES staff_users (clinic_id, id)
);

CREATE TABLE infusion_dose_orders (
    clinic_id            UUID NOT NULL,
    visit_id             UUID NOT NULL,
    mg_per_kg            NUMERIC(6, 3) NOT NULL CHECK (mg_per_kg > 0),
    weight_basis         TEXT NOT NULL CHECK (weight_basis IN ('ACTUAL', 'IDEAL', 'ADJUSTED')),
    basis_weight_kg      NUMERIC(6, 1) NOT NULL,
    duration_minutes     INT NOT NULL CHECK (duration_minutes > 0),
    dose_mg              NUMERIC(8, 1) NOT NULL CHECK (dose_mg > 0),
    rate_mg_per_hour     NUMERIC(8, 2) NOT NULL,
    bag_volume_ml        NUMERIC(7, 1) NOT NULL,
    concentration_mg_per_ml NUMERIC(8, 4) NOT NULL,
    rate_ml_per_hour     NUMERIC(8, 1) NOT NULL,
    arithmetic           TEXT NOT NULL,
    reason               TEXT,
    signer_id            UUID NOT NULL,
    signer_name          TEXT NOT NULL,
    signed_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, visit_id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, signer_id) REFERENCES staff_users (clinic_id, id)
);

CREATE TABLE infusion_preparations (
    clinic_id      UUID NOT NULL,
    visit_id       UUID NOT NULL,
    site           TEXT NOT NULL,
    gauge          INT NOT NULL CHECK (gauge BETWEEN 14 AND 26),
    drawn_ml       NUMERIC(7, 2) NOT NULL,
    diluent        TEXT NOT NULL,
    final_volume_ml NUMERIC(7, 1) NOT NULL CHECK (final_volume_ml > 0),
    final_concentration_mg_per_ml NUMERIC(8, 4) NOT NULL,
    prepared_by    UUID NOT NULL,
    checker_id     UUID NOT NULL,
    checker_name   TEXT NOT NULL,
    prepared_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, visit_id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, prepared_by) REFERENCES staff_users (clinic_id, id),
    CHECK (checker_id <> prepared_by)
);

-- The ledger's draws for this visit (the ledger holds the vial, lot and expiry).
CREATE TABLE infusion_draws (
    clinic_id  UUID NOT NULL,
    visit_id   UUID NOT NULL,
    draw_id    UUID NOT NULL,
    vial_label TEXT NOT NULL,
    product    TEXT NOT NULL,
    lot        TEXT NOT NULL,
    expiry     DATE NOT NULL,
    mg         NUMERIC(8, 1) NOT NULL,
    PRIMARY KEY (clinic_id, visit_id, draw_id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id)
);

CREATE TABLE infusion_events (
    clinic_id        UUID NOT NULL,
    id               UUID NOT NULL,
    visit_id         UUID NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('START', 'PAUSE', 'RESUME', 'RATE_CHANGE', 'STOP')),
    at               TIMESTAMPTZ NOT NULL,
    rate_mg_per_hour NUMERIC(8, 2),
    reason           TEXT,
    recorded_by      UUID NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES staff_users (clinic_id, id)
);
CREATE INDEX infusion_events_visit ON infusion_events (clinic_id, visit_id, at);

CREATE TABLE infusion_assessments (
    clinic_id   UUID NOT NULL,
    id          UUID NOT NULL,
    visit_id    UUID NOT NULL,
    taken_at    TIMESTAMPTZ NOT NULL,
    cadss_items TEXT NOT NULL,
    cadss_total INT NOT NULL CHECK (cadss_total BETWEEN 0 AND 24),
    moaas       INT NOT NULL CHECK (moaas BETWEEN 0 AND 5),
    recorded_by UUID NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES staff_users (clinic_id, id)
);

CREATE TABLE infusion_adverse_events (
    clinic_id   UUID NOT NULL,
    id          UUID NOT NULL,
    visit_id    UUID NOT NULL,
    type        TEXT NOT NULL,
    description TEXT,
    severity    TEXT NOT NULL CHECK (severity IN ('MILD', 'MODERATE', 'SEVERE')),
    action      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    recorded_by UUID NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES staff_users (clinic_id, id)
);

CREATE TABLE infusion_discharges (
    clinic_id            UUID NOT NULL,
    visit_id             UUID NOT NULL,
    vitals_near_baseline BOOLEAN NOT NULL,
    alert_and_oriented   BOOLEAN NOT NULL,
    walks_steadily       BOOLEAN NOT NULL,
    minimal_nausea       BOOLEAN NOT NULL,
    escort_present       BOOLEAN NOT NULL,
    signer_id            UUID NOT NULL,
    signer_name          TEXT NOT NULL,
    signed_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, visit_id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, signer_id) REFERENCES staff_users (clinic_id, id)
);

CREATE TABLE infusion_signatures (
    clinic_id   UUID NOT NULL,
    visit_id    UUID NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('NURSE', 'PHYSICIAN')),
    signer_id   UUID NOT NULL,
    signer_name TEXT NOT NULL,
    signed_at   TIMESTAMPTZ NOT NULL,
    meaning     TEXT NOT NULL,
    PRIMARY KEY (clinic_id, visit_id, role),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, signer_id) REFERENCES staff_users (clinic_id, id)
);

CREATE TABLE infusion_amendments (
    clinic_id       UUID NOT NULL,
    id              UUID NOT NULL,
    visit_id        UUID NOT NULL,
    target          TEXT NOT NULL,
    target_id       UUID NOT NULL,
    field           TEXT NOT NULL,
    original_value  TEXT NOT NULL,
    corrected_value TEXT NOT NULL,
    reason          TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    author_id       UUID NOT NULL,
    author_name     TEXT NOT NULL,
    amended_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, visit_id) REFERENCES infusion_visits (clinic_id, id),
    FOREIGN KEY (clinic_id, author_id) REFERENCES staff_users (clinic_id, id)
);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['infusion_overrides', 'infusion_checks', 'infusion_vitals', 'infusion_alarms',
        'infusion_alarm_responses', 'infusion_dose_orders', 'infusion_preparations', 'infusion_draws',
        'infusion_events', 'infusion_assessments', 'infusion_adverse_events', 'infusion_discharges',
        'infusion_signatures', 'infusion_amendments']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW '
            || 'EXECUTE FUNCTION reject_change_of_append_only_table()', t || '_append_only', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
            || 'EXECUTE FUNCTION reject_change_of_append_only_table()', t || '_no_truncate', t);
    END LOOP;
END;
$$;
