-- Treatment courses, their appointments and the clinic's own protocols. The standard IV ketamine protocol is not a
-- row: it is read from the clinic settings (course.*, infusion.duration-minutes, recovery.minimum-observation-minutes),
-- so that a physician-signed change of those numbers applies to it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE course_protocols (
    clinic_id                    UUID NOT NULL REFERENCES clinics (id),
    code                         TEXT NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name                         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    infusion_minutes             INT NOT NULL CHECK (infusion_minutes BETWEEN 1 AND 600),
    observation_minutes          INT NOT NULL CHECK (observation_minutes BETWEEN 0 AND 600),
    follow_up_days               INT NOT NULL CHECK (follow_up_days BETWEEN 0 AND 365),
    maintenance_min_interval_days INT,
    maintenance_max_interval_days INT,
    created_by                   UUID NOT NULL,
    created_at                   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, code),
    FOREIGN KEY (clinic_id, created_by) REFERENCES staff_users (clinic_id, id),
    CHECK ((maintenance_min_interval_days IS NULL) = (maintenance_max_interval_days IS NULL))
);

CREATE TABLE course_protocol_phases (
    clinic_id              UUID NOT NULL,
    protocol_code          TEXT NOT NULL,
    position               INT NOT NULL CHECK (position BETWEEN 1 AND 6),
    name                   TEXT NOT NULL,
    sessions               INT NOT NULL CHECK (sessions BETWEEN 1 AND 60),
    window_days            INT NOT NULL CHECK (window_days BETWEEN 1 AND 365),
    minimum_interval_hours INT NOT NULL CHECK (minimum_interval_hours BETWEEN 1 AND 2000),
    preferred_per_week     INT NOT NULL CHECK (preferred_per_week BETWEEN 1 AND 7),
    PRIMARY KEY (clinic_id, protocol_code, position),
    FOREIGN KEY (clinic_id, protocol_code) REFERENCES course_protocols (clinic_id, code)
);

-- A protocol in use stays as it was: courses keep their own copy (protocol_json) anyway, and a new version is a new code.
CREATE TRIGGER course_protocols_append_only
    BEFORE UPDATE OR DELETE ON course_protocols
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER course_protocol_phases_append_only
    BEFORE UPDATE OR DELETE ON course_protocol_phases
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();

CREATE TABLE courses (
    clinic_id           UUID NOT NULL,
    id                  UUID NOT NULL,
    patient_id          UUID NOT NULL,
    protocol_code       TEXT NOT NULL,
    -- The protocol's numbers as they were when the course was planned; deviations are judged against them.
    protocol_json       TEXT NOT NULL,
    start_date          DATE NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('PLANNED', 'INDUCTION', 'MAINTENANCE', 'COMPLETED', 'DISCONTINUED')),
    status_reason       TEXT,
    screening_id        UUID NOT NULL,
    created_by          UUID NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    version             INT NOT NULL DEFAULT 0,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, created_by) REFERENCES staff_users (clinic_id, id),
    CHECK (status <> 'DISCONTINUED' OR status_reason IS NOT NULL)
);
-- One open course per patient at a time.
CREATE UNIQUE INDEX courses_one_open_per_patient ON courses (clinic_id, patient_id)
    WHERE status IN ('PLANNED', 'INDUCTION', 'MAINTENANCE');

CREATE TABLE appointments (
    clinic_id     UUID NOT NULL,
    id            UUID NOT NULL,
    course_id     UUID NOT NULL,
    patient_id    UUID NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('INFUSION', 'FOLLOW_UP')),
    phase         TEXT NOT NULL,
    number        INT NOT NULL,
    room_id       UUID NOT NULL,
    starts_at     TIMESTAMPTZ NOT NULL,
    ends_at       TIMESTAMPTZ NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('BOOKED', 'ATTENDED', 'CANCELLED', 'NO_SHOW')),
    status_reason TEXT,
    booked_by     UUID NOT NULL,
    booked_at     TIMESTAMPTZ NOT NULL,
    version       INT NOT NULL DEFAULT 0,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, course_id) REFERENCES courses (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, room_id) REFERENCES rooms (clinic_id, id),
    FOREIGN KEY (clinic_id, booked_by) REFERENCES staff_users (clinic_id, id),
    CHECK (ends_at > starts_at),
    CHECK (status NOT IN ('CANCELLED') OR status_reason IS NOT NULL),
    -- The database itself never lets two visits hold one room at once, whoever books them and however fast.
    CONSTRAINT appointments_no_double_booking EXCLUDE USING gist (
        clinic_id WITH =, room_id WITH =, tstzrange(starts_at, ends_at) WITH &&
    ) WHERE (status IN ('BOOKED', 'ATTENDED'))
);
CREATE INDEX appointments_by_time ON appointments (clinic_id, starts_at);
CREATE INDEX appointments_by_course ON appointments (clinic_id, course_id, starts_at);

-- Boosters: suggested (by a clinician or by the outcomes module's relapse rule), then confirmed or declined by a
-- physician with their signature, then booked.
CREATE TABLE booster_requests (
    clinic_id       UUID NOT NULL,
    id              UUID NOT NULL,
    course_id       UUID NOT NULL,
    patient_id      UUID NOT NULL,
    reason          TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    source          TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    suggested_at    TIMESTAMPTZ NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('SUGGESTED', 'CONFIRMED', 'DECLINED', 'BOOKED')),
    decided_by_name TEXT,
    decided_at      TIMESTAMPTZ,
    decision_meaning TEXT,
    appointment_id  UUID,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, course_id) REFERENCES courses (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, appointment_id) REFERENCES appointments (clinic_id, id)
);

-- One reminder per appointment, whoever sends it and however often the job runs.
CREATE TABLE appointment_reminders (
    clinic_id      UUID NOT NULL,
    appointment_id UUID NOT NULL,
    sent_at        TIMESTAMPTZ NOT NULL,
    sender         TEXT NOT NULL,
    PRIMARY KEY (clinic_id, appointment_id),
    FOREIGN KEY (clinic_id, appointment_id) REFERENCES appointments (clinic_id, id)
);

-- The default reminder sender's outbox: what would have gone to the patient, for the clinic to see and pass on.
CREATE TABLE reminder_outbox (
    clinic_id      UUID NOT NULL,
    id             UUID NOT NULL,
    appointment_id UUID NOT NULL,
    patient_id     UUID NOT NULL,
    recipient      TEXT NOT NULL,
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, appointment_id) REFERENCES appointments (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id)
);
CREATE INDEX reminder_outbox_by_time ON reminder_outbox (clinic_id, created_at DESC);
