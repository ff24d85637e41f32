-- Two-step sign-in (TOTP). The secret is encrypted by the application (AES-GCM under ketacare.security.second-factor-key)
-- before it reaches the database. A row without confirmed_at is an enrolment that has not been confirmed with a code
-- yet, and is not in use. last_used_step is the RFC 6238 time step of the last accepted code: a code is taken once.
CREATE TABLE staff_second_factors (
    clinic_id        UUID NOT NULL,
    staff_id         UUID NOT NULL,
    secret_encrypted TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    confirmed_at     TIMESTAMPTZ,
    last_used_step   BIGINT,
    PRIMARY KEY (clinic_id, staff_id),
    FOREIGN KEY (clinic_id, staff_id) REFERENCES staff_users (clinic_id, id)
);

-- One-time recovery codes for a lost phone; only a SHA-256 of each is kept (they are random, so no slow hash is needed).
CREATE TABLE staff_recovery_codes (
    clinic_id UUID NOT NULL,
    staff_id  UUID NOT NULL,
    code_hash TEXT NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (clinic_id, staff_id, code_hash),
    FOREIGN KEY (clinic_id, staff_id) REFERENCES staff_second_factors (clinic_id, staff_id) ON DELETE CASCADE
);

-- The clinic administrator can require two-step sign-in of one person, on top of the roles the installation requires it for.
ALTER TABLE staff_users ADD COLUMN second_factor_required BOOLEAN NOT NULL DEFAULT FALSE;
