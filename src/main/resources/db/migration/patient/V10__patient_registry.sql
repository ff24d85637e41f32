-- The patient registry. Search folds accents and case in the database (unaccent), so that "Muller" finds "Müller",
-- and finds the start of any word through a trigram index that also holds the clinic (btree_gin). The three
-- extensions are "trusted" since PostgreSQL 13, so the database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- unaccent() is only STABLE (its dictionary could be changed); naming the dictionary makes the result depend on the
-- input alone, which an index and a generated column need.
CREATE FUNCTION patient_search_fold(value TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- Medical record numbers are numbered per clinic, without gaps from concurrent registrations.
CREATE TABLE patient_mrn_counters (
    clinic_id   UUID NOT NULL REFERENCES clinics (id),
    last_number BIGINT NOT NULL,
    PRIMARY KEY (clinic_id)
);

CREATE TABLE patients (
    clinic_id                      UUID NOT NULL REFERENCES clinics (id),
    id                             UUID NOT NULL,
    mrn                            TEXT NOT NULL,
    given_name                     TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
    family_name                    TEXT NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
    birth_date                     DATE NOT NULL,
    sex_at_birth                   TEXT NOT NULL CHECK (sex_at_birth IN ('FEMALE', 'MALE', 'OTHER')),
    pregnancy_possible             BOOLEAN,
    phone                          TEXT,
    email                          TEXT,
    address                        TEXT,
    emergency_contact_name         TEXT,
    emergency_contact_phone        TEXT,
    emergency_contact_relationship TEXT,
    escort_name                    TEXT,
    escort_phone                   TEXT,
    escort_relationship            TEXT,
    referring_clinician            TEXT,
    medications_text               TEXT,
    allergies                      TEXT,
    notes                          TEXT,
    status                         TEXT NOT NULL CHECK (status IN ('INQUIRY', 'SCREENING', 'ELIGIBLE', 'IN_COURSE',
                                                                  'FOLLOW_UP', 'DISCHARGED', 'DECLINED')),
    -- Set when the coordinator registered the patient although the duplicate check named this existing record.
    possible_duplicate_of          UUID,
    created_by                     UUID NOT NULL,
    created_at                     TIMESTAMPTZ NOT NULL,
    updated_at                     TIMESTAMPTZ NOT NULL,
    version                        INT NOT NULL DEFAULT 0,
    -- Names and MRN, folded; a leading space lets "% word" match the start of every word.
    search_text                    TEXT GENERATED ALWAYS AS (
        ' ' || patient_search_fold(translate(given_name || ' ' || family_name || ' ' || mrn, '-''’', '   '))
        ) STORED,
    PRIMARY KEY (clinic_id, id),
    UNIQUE (clinic_id, mrn),
    FOREIGN KEY (clinic_id, possible_duplicate_of) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, created_by) REFERENCES staff_users (clinic_id, id)
);
CREATE INDEX patients_search_idx ON patients USING gin (clinic_id, search_text gin_trgm_ops);
CREATE INDEX patients_birth_date_idx ON patients (clinic_id, birth_date);
CREATE INDEX patients_name_idx ON patients (clinic_id, family_name, given_name);
CREATE INDEX patients_status_idx ON patients (clinic_id, status);

-- Structured current medications (name and dose as the caller gives them); replaced as a whole on each edit.
CREATE TABLE patient_medications (
    clinic_id  UUID NOT NULL,
    patient_id UUID NOT NULL,
    position   INT NOT NULL CHECK (position >= 0),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    dose       TEXT,
    PRIMARY KEY (clinic_id, patient_id, position),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id)
);

-- Weight and height history: each measurement is a dated row, never changed; the dose is calculated from the latest.
CREATE TABLE patient_measurements (
    clinic_id   UUID NOT NULL,
    id          UUID NOT NULL,
    patient_id  UUID NOT NULL,
    measured_on DATE NOT NULL,
    weight_kg   NUMERIC(5, 1) NOT NULL CHECK (weight_kg > 0),
    height_cm   NUMERIC(4, 1) NOT NULL CHECK (height_cm > 0),
    recorded_by UUID NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, recorded_by) REFERENCES staff_users (clinic_id, id)
);
CREATE INDEX patient_measurements_patient_idx ON patient_measurements (clinic_id, patient_id, measured_on DESC, recorded_at DESC);
CREATE TRIGGER patient_measurements_append_only
    BEFORE UPDATE OR DELETE ON patient_measurements
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();

-- Every change of a patient's status, with who changed it and why.
CREATE TABLE patient_status_changes (
    clinic_id   UUID NOT NULL,
    id          UUID NOT NULL,
    patient_id  UUID NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    changed_by  UUID NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, changed_by) REFERENCES staff_users (clinic_id, id)
);
CREATE INDEX patient_status_changes_patient_idx ON patient_status_changes (clinic_id, patient_id, changed_at DESC);
CREATE TRIGGER patient_status_changes_append_only
    BEFORE UPDATE OR DELETE ON patient_status_changes
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();

-- Warnings shown wherever the patient appears, such as an approval given against the rules. A flag is raised and
-- later cleared; the rows stay.
CREATE TABLE patient_flags (
    clinic_id  UUID NOT NULL,
    id         UUID NOT NULL,
    patient_id UUID NOT NULL,
    kind       TEXT NOT NULL CHECK (kind ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    text       TEXT NOT NULL,
    raised_by  UUID NOT NULL,
    raised_at  TIMESTAMPTZ NOT NULL,
    cleared_at TIMESTAMPTZ,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, raised_by) REFERENCES staff_users (clinic_id, id)
);
CREATE INDEX patient_flags_active_idx ON patient_flags (clinic_id, patient_id) WHERE cleared_at IS NULL;
