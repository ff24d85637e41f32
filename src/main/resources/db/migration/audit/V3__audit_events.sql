-- The audit trail: append-only and hash-chained per clinic. Events that belong to no clinic (a sign-in attempt with an
-- unknown name) use the all-zero clinic id, a chain of their own.
CREATE TABLE audit_events (
    clinic_id      UUID NOT NULL,
    seq            BIGINT NOT NULL CHECK (seq > 0),
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor_id       UUID,
    actor_username TEXT,
    actor_roles    TEXT,
    action         TEXT NOT NULL,
    target_type    TEXT,
    target_id      TEXT,
    patient_id     UUID,
    source_address TEXT,
    outcome        TEXT NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'DENIED')),
    details        TEXT,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL,
    PRIMARY KEY (clinic_id, seq)
);
CREATE INDEX audit_events_time_idx ON audit_events (clinic_id, occurred_at DESC);
CREATE INDEX audit_events_patient_idx ON audit_events (clinic_id, patient_id, occurred_at DESC) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_events_actor_idx ON audit_events (clinic_id, actor_username, occurred_at DESC);
CREATE INDEX audit_events_action_idx ON audit_events (clinic_id, action, occurred_at DESC);

CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
