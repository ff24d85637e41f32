-- The tenant root. Every clinical table carries clinic_id in its primary key and in every foreign key.
CREATE TABLE clinics (
    id         UUID PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    time_zone  TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Staff are never deleted: their signatures must stay attributable. Deactivation stops sign-in.
CREATE TABLE staff_users (
    clinic_id           UUID NOT NULL REFERENCES clinics (id),
    id                  UUID NOT NULL,
    username            TEXT NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name        TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    password_hash       TEXT NOT NULL,
    active              BOOLEAN NOT NULL,
    failed_attempts     INT NOT NULL DEFAULT 0,
    locked_until        TIMESTAMPTZ,
    password_changed_at TIMESTAMPTZ NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    version             INT NOT NULL DEFAULT 0,
    PRIMARY KEY (clinic_id, id)
);
-- Sign-in names are unique across the network: a person signs in without naming a clinic.
CREATE UNIQUE INDEX staff_users_username_uq ON staff_users (username);

CREATE TABLE staff_roles (
    clinic_id UUID NOT NULL,
    staff_id  UUID NOT NULL,
    role      TEXT NOT NULL CHECK (role IN ('INTAKE', 'NURSE', 'PHYSICIAN', 'THERAPIST', 'CLINIC_ADMIN')),
    PRIMARY KEY (clinic_id, staff_id, role),
    FOREIGN KEY (clinic_id, staff_id) REFERENCES staff_users (clinic_id, id)
);

-- Bearer tokens for the API; only a SHA-256 of the token is kept.
CREATE TABLE api_tokens (
    clinic_id  UUID NOT NULL,
    id         UUID NOT NULL,
    staff_id   UUID NOT NULL,
    token_hash TEXT NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, staff_id) REFERENCES staff_users (clinic_id, id)
);
CREATE UNIQUE INDEX api_tokens_hash_uq ON api_tokens (token_hash);
CREATE INDEX api_tokens_expiry_idx ON api_tokens (expires_at);

-- Clinic settings: each change is a row. A clinical change waits for a physician's signature before it is in force;
-- the value in force at any time is the newest row in force at that time, or the setting's default.
CREATE TABLE clinic_setting_changes (
    clinic_id        UUID NOT NULL,
    id               UUID NOT NULL,
    setting_key      TEXT NOT NULL,
    value            TEXT NOT NULL,
    reason           TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    proposed_by      UUID NOT NULL,
    proposed_by_name TEXT NOT NULL,
    proposed_at      TIMESTAMPTZ NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('PENDING', 'IN_FORCE', 'REJECTED')),
    decided_by       UUID,
    decided_by_name  TEXT,
    decided_at       TIMESTAMPTZ,
    decision_meaning TEXT,
    effective_from   TIMESTAMPTZ,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, proposed_by) REFERENCES staff_users (clinic_id, id),
    FOREIGN KEY (clinic_id, decided_by) REFERENCES staff_users (clinic_id, id),
    CHECK ((status = 'IN_FORCE') = (effective_from IS NOT NULL)),
    CHECK ((status = 'PENDING') = (decided_at IS NULL))
);
CREATE INDEX clinic_setting_changes_in_force_idx
    ON clinic_setting_changes (clinic_id, setting_key, effective_from DESC) WHERE status = 'IN_FORCE';
CREATE INDEX clinic_setting_changes_pending_idx
    ON clinic_setting_changes (clinic_id, proposed_at) WHERE status = 'PENDING';

-- A decided change is history: only the one step from PENDING to a decision is allowed, and nothing is deleted.
CREATE FUNCTION guard_clinic_setting_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'clinic_setting_changes is history: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status <> 'PENDING'
        OR NEW.clinic_id <> OLD.clinic_id OR NEW.id <> OLD.id OR NEW.setting_key <> OLD.setting_key
        OR NEW.value <> OLD.value OR NEW.reason <> OLD.reason OR NEW.proposed_by <> OLD.proposed_by
        OR NEW.proposed_at <> OLD.proposed_at THEN
        RAISE EXCEPTION 'a decided or proposed setting change cannot be edited' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER clinic_setting_changes_guard
    BEFORE UPDATE OR DELETE ON clinic_setting_changes
    FOR EACH ROW EXECUTE FUNCTION guard_clinic_setting_change();
