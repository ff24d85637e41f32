-- Intake screenings and their decisions. A screening is never changed: a new one supersedes it, and the history stays.
-- The answers are kept as given (JSON), the decision with every reason, the rules' version and the clinic's numbers.
CREATE TABLE screenings (
    clinic_id        UUID NOT NULL,
    id               UUID NOT NULL,
    patient_id       UUID NOT NULL,
    screened_at      TIMESTAMPTZ NOT NULL,
    screened_by      UUID NOT NULL,
    screened_by_name TEXT NOT NULL,
    age_years        INT NOT NULL,
    answers          JSONB NOT NULL,
    notes            TEXT,
    outcome          TEXT NOT NULL CHECK (outcome IN ('ELIGIBLE', 'NEEDS_REVIEW', 'INELIGIBLE')),
    maudsley_minimum INT NOT NULL CHECK (maudsley_minimum BETWEEN 3 AND 15),
    maudsley_maximum INT NOT NULL CHECK (maudsley_maximum BETWEEN maudsley_minimum AND 15),
    maudsley_missing TEXT NOT NULL,
    rule_set_id      TEXT NOT NULL,
    rules_version    INT NOT NULL,
    rule_parameters  TEXT NOT NULL,
    supersedes       UUID,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
    FOREIGN KEY (clinic_id, screened_by) REFERENCES staff_users (clinic_id, id),
    FOREIGN KEY (clinic_id, supersedes) REFERENCES screenings (clinic_id, id)
);
CREATE INDEX screenings_patient_idx ON screenings (clinic_id, patient_id, screened_at DESC);
CREATE INDEX screenings_time_idx ON screenings (clinic_id, screened_at DESC);
-- Only one screening supersedes another: two coordinators cannot both replace the same one.
CREATE UNIQUE INDEX screenings_supersedes_uq ON screenings (clinic_id, supersedes) WHERE supersedes IS NOT NULL;

CREATE TABLE screening_reasons (
    clinic_id    UUID NOT NULL,
    screening_id UUID NOT NULL,
    position     INT NOT NULL CHECK (position >= 0),
    code         TEXT NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    kind         TEXT NOT NULL CHECK (kind IN ('CONTRAINDICATION', 'NOT_MET', 'CAUTION', 'MISSING', 'MET', 'NOTE')),
    message      TEXT NOT NULL,
    evidence     TEXT NOT NULL,
    PRIMARY KEY (clinic_id, screening_id, position),
    FOREIGN KEY (clinic_id, screening_id) REFERENCES screenings (clinic_id, id)
);

-- A physician's signed approval or decline of one screening. Approving against an INELIGIBLE result needs a
-- written justification.
CREATE TABLE screening_reviews (
    clinic_id        UUID NOT NULL,
    id               UUID NOT NULL,
    screening_id     UUID NOT NULL,
    decision         TEXT NOT NULL CHECK (decision IN ('APPROVED', 'DECLINED')),
    reviewed_outcome TEXT NOT NULL CHECK (reviewed_outcome IN ('ELIGIBLE', 'NEEDS_REVIEW', 'INELIGIBLE')),
    justification    TEXT,
    signed_by        UUID NOT NULL,
    signer_name      TEXT NOT NULL,
    signed_at        TIMESTAMPTZ NOT NULL,
    meaning          TEXT NOT NULL,
    PRIMARY KEY (clinic_id, id),
    UNIQUE (clinic_id, screening_id),
    FOREIGN KEY (clinic_id, screening_id) REFERENCES screenings (clinic_id, id),
    FOREIGN KEY (clinic_id, signed_by) REFERENCES staff_users (clinic_id, id),
    CHECK (decision <> 'APPROVED' OR reviewed_outcome <> 'INELIGIBLE' OR length(trim(justification)) > 0)
);
CREATE INDEX screening_reviews_time_idx ON screening_reviews (clinic_id, signed_at DESC);

-- The database refuses to change or remove a decision.
CREATE TRIGGER screenings_append_only
    BEFORE UPDATE OR DELETE ON screenings
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER screening_reasons_append_only
    BEFORE UPDATE OR DELETE ON screening_reasons
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER screening_reviews_append_only
    BEFORE UPDATE OR DELETE ON screening_reviews
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER screenings_no_truncate
    BEFORE TRUNCATE ON screenings
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER screening_reasons_no_truncate
    BEFORE TRUNCATE ON screening_reasons
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER screening_reviews_no_truncate
    BEFORE TRUNCATE ON screening_reviews
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
