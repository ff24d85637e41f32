-- The controlled-substance ledger (21 CFR 1304.04, 1304.11, 1304.22(c)): what was received, where it is kept, every
-- milligram drawn, given, wasted, moved, adjusted, destroyed, returned or lost, counts, discrepancies and inventories.
-- Nothing here is ever deleted: every table refuses DELETE and TRUNCATE, so no path can purge a record within the
-- retention period (or after it); the entries, receipts, counts and inventories refuse UPDATE as well.

CREATE FUNCTION reject_removal_from_ledger() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is part of the controlled-substance record: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Locked storage locations (safes, cabinets) of the clinic.
CREATE TABLE ledger_locations (
    clinic_id  UUID NOT NULL REFERENCES clinics (id),
    id         UUID NOT NULL,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    UNIQUE (clinic_id, name)
);

-- A finished form of the substance as bought: name, NDC, strength, form and container size.
CREATE TABLE ledger_products (
    clinic_id               UUID NOT NULL REFERENCES clinics (id),
    id                      UUID NOT NULL,
    name                    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    ndc                     TEXT NOT NULL CHECK (ndc ~ '^([0-9]{4}-[0-9]{4}-[0-9]{2}|[0-9]{5}-[0-9]{3}-[0-9]{2}|[0-9]{5}-[0-9]{4}-[0-9]{1,2})$'),
    concentration_mg_per_ml NUMERIC(10, 3) NOT NULL CHECK (concentration_mg_per_ml > 0),
    container_ml            NUMERIC(10, 3) NOT NULL CHECK (container_ml > 0),
    form                    TEXT NOT NULL CHECK (length(form) BETWEEN 1 AND 100),
    created_at              TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    UNIQUE (clinic_id, ndc)
);

-- Containers received (1304.22(c)): date, number, and the supplier's name, address and DEA registration number.
CREATE TABLE ledger_receipts (
    clinic_id        UUID NOT NULL,
    id               UUID NOT NULL,
    product_id       UUID NOT NULL,
    location_id      UUID NOT NULL,
    supplier_name    TEXT NOT NULL CHECK (length(supplier_name) BETWEEN 1 AND 200),
    supplier_address TEXT NOT NULL CHECK (length(supplier_address) BETWEEN 1 AND 500),
    supplier_dea     TEXT NOT NULL CHECK (supplier_dea ~ '^[A-Z][A-Z9][0-9]{7}$'),
    invoice          TEXT NOT NULL CHECK (length(invoice) BETWEEN 1 AND 100),
    received_on      DATE NOT NULL,
    containers       INT NOT NULL CHECK (containers BETWEEN 1 AND 500),
    received_by      UUID NOT NULL,
    received_by_name TEXT NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, product_id) REFERENCES ledger_products (clinic_id, id),
    FOREIGN KEY (clinic_id, location_id) REFERENCES ledger_locations (clinic_id, id)
);
CREATE INDEX ledger_receipts_date_idx ON ledger_receipts (clinic_id, received_on);

-- One tracked container. Its balance is the sum of its entries' balance changes, kept here so that a draw locks one
-- row; the CHECKs are the last guard against a negative balance.
CREATE TABLE ledger_vials (
    clinic_id    UUID NOT NULL,
    id           UUID NOT NULL,
    receipt_id   UUID NOT NULL,
    container_no INT NOT NULL CHECK (container_no > 0),
    product_id   UUID NOT NULL,
    location_id  UUID NOT NULL,
    lot          TEXT NOT NULL CHECK (length(lot) BETWEEN 1 AND 40),
    expiry       DATE NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('IN_STOCK', 'QUARANTINED', 'EMPTY', 'DESTROYED', 'RETURNED')),
    balance_mg   NUMERIC(12, 3) NOT NULL CHECK (balance_mg >= 0),
    balance_ml   NUMERIC(12, 3) NOT NULL CHECK (balance_ml >= 0),
    entry_count  INT NOT NULL CHECK (entry_count >= 0),
    version      INT NOT NULL DEFAULT 0,
    PRIMARY KEY (clinic_id, id),
    UNIQUE (clinic_id, receipt_id, container_no),
    FOREIGN KEY (clinic_id, receipt_id) REFERENCES ledger_receipts (clinic_id, id),
    FOREIGN KEY (clinic_id, product_id) REFERENCES ledger_products (clinic_id, id),
    FOREIGN KEY (clinic_id, location_id) REFERENCES ledger_locations (clinic_id, id)
);
CREATE INDEX ledger_vials_stock_idx ON ledger_vials (clinic_id, status, expiry);

-- Quarantine and release of a vial, with the reason.
CREATE TABLE ledger_vial_holds (
    clinic_id   UUID NOT NULL,
    id          UUID NOT NULL,
    vial_id     UUID NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('QUARANTINE', 'RELEASE')),
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    by_id       UUID NOT NULL,
    by_name     TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, vial_id) REFERENCES ledger_vials (clinic_id, id)
);

-- Drug drawn from a vial into a syringe or bag for one visit. Administered and wasted are running totals of the
-- draw's ADMINISTERED and WASTE entries; they only grow and never pass what was drawn.
CREATE TABLE ledger_draws (
    clinic_id       UUID NOT NULL,
    id              UUID NOT NULL,
    vial_id         UUID NOT NULL,
    visit_id        UUID NOT NULL,
    patient_id      UUID,
    drawn_mg        NUMERIC(12, 3) NOT NULL CHECK (drawn_mg > 0),
    drawn_ml        NUMERIC(12, 3) NOT NULL CHECK (drawn_ml >= 0),
    administered_mg NUMERIC(12, 3) NOT NULL DEFAULT 0 CHECK (administered_mg >= 0),
    wasted_mg       NUMERIC(12, 3) NOT NULL DEFAULT 0 CHECK (wasted_mg >= 0),
    drawn_by        UUID NOT NULL,
    drawn_by_name   TEXT NOT NULL,
    drawn_at        TIMESTAMPTZ NOT NULL,
    version         INT NOT NULL DEFAULT 0,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, vial_id) REFERENCES ledger_vials (clinic_id, id),
    CHECK (administered_mg + wasted_mg <= drawn_mg)
);
CREATE INDEX ledger_draws_visit_idx ON ledger_draws (clinic_id, visit_id);
CREATE INDEX ledger_draws_vial_idx ON ledger_draws (clinic_id, vial_id);

-- A visit whose ketamine is accounted for: every milligram drawn for it was given or wasted. Closed once.
CREATE TABLE ledger_visit_closures (
    clinic_id       UUID NOT NULL REFERENCES clinics (id),
    visit_id        UUID NOT NULL,
    drawn_mg        NUMERIC(12, 3) NOT NULL,
    administered_mg NUMERIC(12, 3) NOT NULL,
    wasted_mg       NUMERIC(12, 3) NOT NULL,
    closed_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, visit_id),
    CHECK (drawn_mg = administered_mg + wasted_mg)
);

-- Counts by two people: the counter and a witness each sign; one line per vial on hand.
CREATE TABLE ledger_counts (
    clinic_id       UUID NOT NULL REFERENCES clinics (id),
    id              UUID NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('SHIFT', 'DAILY', 'INVENTORY')),
    counted_at      TIMESTAMPTZ NOT NULL,
    counted_by      UUID NOT NULL,
    counted_by_name TEXT NOT NULL,
    counter_meaning TEXT NOT NULL,
    witness_id      UUID NOT NULL,
    witness_name    TEXT NOT NULL,
    witness_meaning TEXT NOT NULL,
    witnessed_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (clinic_id, id),
    CHECK (witness_id <> counted_by)
);
CREATE INDEX ledger_counts_time_idx ON ledger_counts (clinic_id, counted_at);

CREATE TABLE ledger_count_lines (
    clinic_id     UUID NOT NULL,
    count_id      UUID NOT NULL,
    vial_id       UUID NOT NULL,
    recorded_mg   NUMERIC(12, 3) NOT NULL CHECK (recorded_mg >= 0),
    physical_ml   NUMERIC(12, 3) NOT NULL CHECK (physical_ml >= 0),
    physical_mg   NUMERIC(12, 3) NOT NULL CHECK (physical_mg >= 0),
    difference_mg NUMERIC(12, 3) NOT NULL,
    PRIMARY KEY (clinic_id, count_id, vial_id),
    FOREIGN KEY (clinic_id, count_id) REFERENCES ledger_counts (clinic_id, id),
    FOREIGN KEY (clinic_id, vial_id) REFERENCES ledger_vials (clinic_id, id),
    CHECK (difference_mg = physical_mg - recorded_mg)
);

-- A difference between counted and recorded balance. It stays open until a clinic administrator resolves it with a
-- reason; above the clinic's threshold it is a possible significant loss (1301.76(b)) with two deadlines.
CREATE TABLE ledger_discrepancies (
    clinic_id           UUID NOT NULL,
    id                  UUID NOT NULL,
    count_id            UUID NOT NULL,
    vial_id             UUID NOT NULL,
    found_at            TIMESTAMPTZ NOT NULL,
    recorded_mg         NUMERIC(12, 3) NOT NULL,
    physical_mg         NUMERIC(12, 3) NOT NULL,
    difference_mg       NUMERIC(12, 3) NOT NULL CHECK (difference_mg <> 0),
    possible_loss       BOOLEAN NOT NULL,
    notice_due_on       DATE,
    form106_due_on      DATE,
    dea_notice_sent_on  DATE,
    form106_filed_on    DATE,
    status              TEXT NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    resolution          TEXT CHECK (resolution IN ('ADJUSTED', 'LOSS', 'NO_CHANGE')),
    resolution_reason   TEXT CHECK (length(resolution_reason) BETWEEN 1 AND 2000),
    resolved_by         UUID,
    resolved_by_name    TEXT,
    resolution_meaning  TEXT,
    resolved_at         TIMESTAMPTZ,
    resolution_entry_id UUID,
    version             INT NOT NULL DEFAULT 0,
    PRIMARY KEY (clinic_id, id),
    FOREIGN KEY (clinic_id, count_id) REFERENCES ledger_counts (clinic_id, id),
    FOREIGN KEY (clinic_id, vial_id) REFERENCES ledger_vials (clinic_id, id),
    CHECK (possible_loss = (notice_due_on IS NOT NULL AND form106_due_on IS NOT NULL)),
    CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL AND resolution IS NOT NULL AND resolution_reason IS NOT NULL))
);
CREATE INDEX ledger_discrepancies_open_idx ON ledger_discrepancies (clinic_id, found_at) WHERE status = 'OPEN';

-- Initial and periodic inventories (1304.11): the count they were taken with, its date, opening or close of
-- business, and the registrant.
CREATE TABLE ledger_inventories (
    clinic_id          UUID NOT NULL,
    id                 UUID NOT NULL,
    count_id           UUID NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('INITIAL', 'PERIODIC')),
    taken_on           DATE NOT NULL,
    time_of_day        TEXT NOT NULL CHECK (time_of_day IN ('OPENING', 'CLOSE')),
    registrant_name    TEXT NOT NULL CHECK (length(registrant_name) BETWEEN 1 AND 200),
    registrant_address TEXT NOT NULL CHECK (length(registrant_address) BETWEEN 1 AND 500),
    registrant_dea     TEXT NOT NULL CHECK (registrant_dea ~ '^[A-Z][A-Z9][0-9]{7}$'),
    PRIMARY KEY (clinic_id, id),
    UNIQUE (clinic_id, count_id),
    FOREIGN KEY (clinic_id, count_id) REFERENCES ledger_counts (clinic_id, id)
);
CREATE INDEX ledger_inventories_date_idx ON ledger_inventories (clinic_id, taken_on);

-- The ledger itself: one row per event on one vial, numbered per vial, with the balance it left. Append-only.
CREATE TABLE ledger_entries (
    clinic_id          UUID NOT NULL,
    id                 UUID NOT NULL,
    vial_id            UUID NOT NULL,
    vial_seq           INT NOT NULL CHECK (vial_seq > 0),
    entry_type         TEXT NOT NULL CHECK (entry_type IN ('RECEIPT', 'DRAW', 'ADMINISTERED', 'WASTE', 'TRANSFER',
                                                          'ADJUSTMENT', 'DESTRUCTION', 'RETURN', 'LOSS')),
    occurred_at        TIMESTAMPTZ NOT NULL,
    quantity_mg        NUMERIC(12, 3) NOT NULL CHECK (quantity_mg >= 0),
    quantity_ml        NUMERIC(12, 3) NOT NULL CHECK (quantity_ml >= 0),
    balance_change_mg  NUMERIC(12, 3) NOT NULL,
    balance_after_mg   NUMERIC(12, 3) NOT NULL CHECK (balance_after_mg >= 0),
    balance_after_ml   NUMERIC(12, 3) NOT NULL CHECK (balance_after_ml >= 0),
    recorded_by        UUID NOT NULL,
    recorded_by_name   TEXT NOT NULL,
    signature_meaning  TEXT,
    receipt_id         UUID,
    draw_id            UUID,
    visit_id           UUID,
    patient_id         UUID,
    discrepancy_id     UUID,
    from_location_id   UUID,
    to_location_id     UUID,
    method             TEXT CHECK (length(method) BETWEEN 1 AND 200),
    reason             TEXT CHECK (length(reason) BETWEEN 1 AND 2000),
    counterparty_name  TEXT,
    counterparty_dea   TEXT CHECK (counterparty_dea ~ '^[A-Z][A-Z9][0-9]{7}$'),
    witness_id         UUID,
    witness_name       TEXT,
    witness2_id        UUID,
    witness2_name      TEXT,
    idempotency_key    TEXT CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    PRIMARY KEY (clinic_id, id),
    UNIQUE (clinic_id, vial_id, vial_seq),
    FOREIGN KEY (clinic_id, vial_id) REFERENCES ledger_vials (clinic_id, id),
    FOREIGN KEY (clinic_id, receipt_id) REFERENCES ledger_receipts (clinic_id, id),
    FOREIGN KEY (clinic_id, draw_id) REFERENCES ledger_draws (clinic_id, id),
    FOREIGN KEY (clinic_id, discrepancy_id) REFERENCES ledger_discrepancies (clinic_id, id),
    FOREIGN KEY (clinic_id, from_location_id) REFERENCES ledger_locations (clinic_id, id),
    FOREIGN KEY (clinic_id, to_location_id) REFERENCES ledger_locations (clinic_id, id),
    -- Which way each kind of entry moves the vial's balance.
    CHECK (balance_change_mg > 0 OR entry_type <> 'RECEIPT'),
    CHECK (balance_change_mg < 0 OR entry_type NOT IN ('DRAW', 'DESTRUCTION', 'RETURN', 'LOSS')),
    CHECK (balance_change_mg = 0 OR entry_type NOT IN ('ADMINISTERED', 'TRANSFER')),
    CHECK (balance_change_mg <= 0 OR entry_type <> 'WASTE'),
    -- What each kind of entry must name.
    CHECK (entry_type <> 'RECEIPT' OR receipt_id IS NOT NULL),
    CHECK (entry_type NOT IN ('DRAW', 'ADMINISTERED') OR (draw_id IS NOT NULL AND visit_id IS NOT NULL)),
    CHECK (entry_type <> 'ADMINISTERED' OR patient_id IS NOT NULL),
    CHECK (entry_type <> 'WASTE' OR (method IS NOT NULL AND witness_id IS NOT NULL AND witness_id <> recorded_by)),
    CHECK (entry_type <> 'DESTRUCTION' OR (method IS NOT NULL AND witness_id IS NOT NULL AND witness2_id IS NOT NULL
        AND witness_id <> witness2_id AND recorded_by NOT IN (witness_id, witness2_id))),
    CHECK (entry_type <> 'RETURN' OR (counterparty_name IS NOT NULL AND counterparty_dea IS NOT NULL)),
    CHECK (entry_type <> 'TRANSFER' OR (from_location_id IS NOT NULL AND to_location_id IS NOT NULL
        AND from_location_id <> to_location_id)),
    CHECK (entry_type NOT IN ('ADJUSTMENT', 'LOSS') OR (reason IS NOT NULL AND signature_meaning IS NOT NULL))
);
-- A replayed request finds the entry its key already wrote.
CREATE UNIQUE INDEX ledger_entries_idempotency_uq ON ledger_entries (clinic_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- The reports read one kind of entry over a date range, in time order.
CREATE INDEX ledger_entries_type_time_idx ON ledger_entries (clinic_id, entry_type, occurred_at);
CREATE INDEX ledger_entries_draw_idx ON ledger_entries (clinic_id, draw_id) WHERE draw_id IS NOT NULL;

ALTER TABLE ledger_discrepancies
    ADD FOREIGN KEY (clinic_id, resolution_entry_id) REFERENCES ledger_entries (clinic_id, id);

-- Written once, never changed.
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_receipts_append_only BEFORE UPDATE OR DELETE ON ledger_receipts
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_receipts_no_truncate BEFORE TRUNCATE ON ledger_receipts
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_vial_holds_append_only BEFORE UPDATE OR DELETE ON ledger_vial_holds
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_vial_holds_no_truncate BEFORE TRUNCATE ON ledger_vial_holds
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_visit_closures_append_only BEFORE UPDATE OR DELETE ON ledger_visit_closures
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_visit_closures_no_truncate BEFORE TRUNCATE ON ledger_visit_closures
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_counts_append_only BEFORE UPDATE OR DELETE ON ledger_counts
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_counts_no_truncate BEFORE TRUNCATE ON ledger_counts
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_count_lines_append_only BEFORE UPDATE OR DELETE ON ledger_count_lines
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_count_lines_no_truncate BEFORE TRUNCATE ON ledger_count_lines
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_inventories_append_only BEFORE UPDATE OR DELETE ON ledger_inventories
    FOR EACH ROW EXECUTE FUNCTION reject_change_of_append_only_table();
CREATE TRIGGER ledger_inventories_no_truncate BEFORE TRUNCATE ON ledger_inventories
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change_of_append_only_table();

-- Changed only as the code says (balances, status, totals), never removed.
CREATE TRIGGER ledger_locations_kept BEFORE DELETE ON ledger_locations
    FOR EACH ROW EXECUTE FUNCTION reject_removal_from_ledger();
CREATE TRIGGER ledger_locations_no_truncate BEFORE TRUNCATE ON ledger_locations
    FOR EACH STATEMENT EXECUTE FUNCTION reject_removal_from_ledger();
CREATE TRIGGER ledger_products_kept BEFORE UPDATE OR DELETE ON ledger_products
    FOR EACH ROW EXECUTE FUNCTION reject_removal_from_ledger();
CREATE TRIGGER ledger_products_no_truncate BEFORE TRUNCATE ON ledger_products
    FOR EACH STATEMENT EXECUTE FUNCTION reject_removal_from_ledger();
CREATE TRIGGER ledger_vials_kept BEFORE DELETE ON ledger_vials
    FOR EACH ROW EXECUTE FUNCTION reject_removal_from_ledger();
CREATE TRIGGER ledger_vials_no_truncate BEFORE TRUNCATE ON ledger_vials
    FOR EACH STATEMENT EXECUTE FUNCTION reject_removal_from_ledger();
CREATE TRIGGER ledger_draws_kept BEFORE DELETE ON ledger_draws
    FOR EACH ROW EXECUTE FUNCTION reject_removal_from_ledger();
CREATE TRIGGER ledger_draws_no_truncate BEFORE TRUNCATE ON ledger_draws
    FOR EACH STATEMENT EXECUTE FUNCTION reject_removal_from_ledger();
CREATE TRIGGER ledger_discrepancies_kept BEFORE DELETE ON ledger_discrepancies
    FOR EACH ROW EXECUTE FUNCTION reject_removal_from_ledger();
CREATE TRIGGER ledger_discrepancies_no_truncate BEFORE TRUNCATE ON ledger_discrepancies
    FOR EACH STATEMENT EXECUTE FUNCTION reject_removal_from_ledger();

-- A draw's identity and drawn amount never change; its administered and wasted totals only grow.
CREATE FUNCTION guard_ledger_draw() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.vial_id <> OLD.vial_id OR NEW.visit_id <> OLD.visit_id OR NEW.drawn_mg <> OLD.drawn_mg
        OR NEW.drawn_ml <> OLD.drawn_ml OR NEW.drawn_by <> OLD.drawn_by OR NEW.drawn_at <> OLD.drawn_at
        OR NEW.patient_id IS DISTINCT FROM OLD.patient_id
        OR NEW.administered_mg < OLD.administered_mg OR NEW.wasted_mg < OLD.wasted_mg THEN
        RAISE EXCEPTION 'ledger_draws: only the administered and wasted totals may grow'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_draws_guard BEFORE UPDATE ON ledger_draws
    FOR EACH ROW EXECUTE FUNCTION guard_ledger_draw();

-- A discrepancy's findings never change; it is resolved once, and each DEA date is recorded once.
CREATE FUNCTION guard_ledger_discrepancy() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.count_id <> OLD.count_id OR NEW.vial_id <> OLD.vial_id OR NEW.found_at <> OLD.found_at
        OR NEW.recorded_mg <> OLD.recorded_mg OR NEW.physical_mg <> OLD.physical_mg
        OR NEW.difference_mg <> OLD.difference_mg OR NEW.possible_loss <> OLD.possible_loss
        OR NEW.notice_due_on IS DISTINCT FROM OLD.notice_due_on
        OR NEW.form106_due_on IS DISTINCT FROM OLD.form106_due_on
        OR (OLD.status = 'RESOLVED' AND (NEW.status <> 'RESOLVED' OR NEW.resolution IS DISTINCT FROM OLD.resolution
            OR NEW.resolution_reason IS DISTINCT FROM OLD.resolution_reason
            OR NEW.resolved_at IS DISTINCT FROM OLD.resolved_at
            OR NEW.resolution_entry_id IS DISTINCT FROM OLD.resolution_entry_id))
        OR (OLD.dea_notice_sent_on IS NOT NULL AND NEW.dea_notice_sent_on IS DISTINCT FROM OLD.dea_notice_sent_on)
        OR (OLD.form106_filed_on IS NOT NULL AND NEW.form106_filed_on IS DISTINCT FROM OLD.form106_filed_on) THEN
        RAISE EXCEPTION 'ledger_discrepancies: findings, resolutions and DEA dates are recorded once'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_discrepancies_guard BEFORE UPDATE ON ledger_discrepancies
    FOR EACH ROW EXECUTE FUNCTION guard_ledger_discrepancy();

-- Each entry continues its vial's chain: numbered after the one before, its balance that balance plus its change.
CREATE FUNCTION guard_ledger_entry_chain() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    previous NUMERIC;
BEGIN
    IF NEW.vial_seq = 1 THEN
        previous := 0;
    ELSE
        SELECT balance_after_mg INTO previous FROM ledger_entries
         WHERE clinic_id = NEW.clinic_id AND vial_id = NEW.vial_id AND vial_seq = NEW.vial_seq - 1;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'ledger_entries: entry % of vial % has no predecessor', NEW.vial_seq, NEW.vial_id
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF NEW.balance_after_mg <> previous + NEW.balance_change_mg THEN
        RAISE EXCEPTION 'ledger_entries: balance % after a change of % does not follow %', NEW.balance_after_mg,
            NEW.balance_change_mg, previous USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_entries_chain BEFORE INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION guard_ledger_entry_chain();

-- A vial's identity never changes, and its balance only with the ledger entry that moved it.
CREATE FUNCTION guard_ledger_vial() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.receipt_id <> OLD.receipt_id OR NEW.container_no <> OLD.container_no OR NEW.product_id <> OLD.product_id
        OR NEW.lot <> OLD.lot OR NEW.expiry <> OLD.expiry THEN
        RAISE EXCEPTION 'ledger_vials: a vial''s product, receipt, lot and expiry never change'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.balance_mg <> OLD.balance_mg OR NEW.entry_count <> OLD.entry_count OR NEW.location_id <> OLD.location_id)
        AND (NEW.entry_count <> OLD.entry_count + 1 OR NOT EXISTS (
            SELECT 1 FROM ledger_entries e
             WHERE e.clinic_id = NEW.clinic_id AND e.vial_id = NEW.id AND e.vial_seq = NEW.entry_count
               AND e.balance_after_mg = NEW.balance_mg)) THEN
        RAISE EXCEPTION 'ledger_vials: a balance or location changes only with the ledger entry that records it'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_vials_guard BEFORE UPDATE ON ledger_vials
    FOR EACH ROW EXECUTE FUNCTION guard_ledger_vial();
