-- FHIR Bulk Data exports. A job belongs to the staff member who asked for it; its NDJSON files are copies of clinical
-- records, kept as parts of about a thousand resources each and deleted after the retention time or on cancel. Every
-- application node sees the same jobs, so any node can answer a poll or a download.
CREATE TABLE fhir_export_jobs (
    clinic_id        UUID NOT NULL REFERENCES clinics (id),
    id               UUID NOT NULL,
    requested_by     UUID NOT NULL,
    requested_at     TIMESTAMPTZ NOT NULL,
    request_url      TEXT NOT NULL,
    -- The resource types asked for, comma separated, in the order they are written.
    types            TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    patients_total   INT NOT NULL CHECK (patients_total >= 0),
    patients_done    INT NOT NULL DEFAULT 0 CHECK (patients_done >= 0),
    -- When the job last moved on: a running job that has not for a long time lost its node.
    progressed_at    TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ,
    error            TEXT,
    transaction_time TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, requested_by) REFERENCES staff_users (clinic_id, id)
);
-- One running export per clinic, whichever node starts it.
CREATE UNIQUE INDEX fhir_export_jobs_one_running_idx ON fhir_export_jobs (clinic_id) WHERE status = 'RUNNING';
CREATE INDEX fhir_export_jobs_finished_idx ON fhir_export_jobs (clinic_id, finished_at);

CREATE TABLE fhir_export_parts (
    clinic_id      UUID NOT NULL,
    job_id         UUID NOT NULL,
    resource_type  TEXT NOT NULL,
    part_no        INT NOT NULL CHECK (part_no >= 1),
    resource_count INT NOT NULL CHECK (resource_count >= 1),
    -- One resource per line, each line ending in a newline.
    ndjson         TEXT NOT NULL,
    PRIMARY KEY (clinic_id, job_id, resource_type, part_no),
    FOREIGN KEY (clinic_id, job_id) REFERENCES fhir_export_jobs (clinic_id, id) ON DELETE CASCADE
);
