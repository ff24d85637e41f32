-- Treatment rooms (one chair each: one patient at a time) with their weekly opening hours, and the staff's weekly
-- working hours. Times are local times of the clinic's zone, so that "08:00" stays 08:00 across daylight-saving changes.
CREATE TABLE rooms (
    clinic_id  UUID NOT NULL REFERENCES clinics (id),
    id         UUID NOT NULL,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    version    INT NOT NULL DEFAULT 0,
    PRIMARY KEY (clinic_id, id)
);
CREATE UNIQUE INDEX rooms_name_uq ON rooms (clinic_id, lower(name));

-- ISO weekdays: 1 = Monday … 7 = Sunday; one opening period per room and day.
CREATE TABLE room_opening_hours (
    clinic_id UUID NOT NULL,
    room_id   UUID NOT NULL,
    weekday   SMALLINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens_at  TIME NOT NULL,
    closes_at TIME NOT NULL,
    PRIMARY KEY (clinic_id, room_id, weekday),
    FOREIGN KEY (clinic_id, room_id) REFERENCES rooms (clinic_id, id),
    CHECK (closes_at > opens_at)
);

CREATE TABLE staff_working_hours (
    clinic_id UUID NOT NULL,
    staff_id  UUID NOT NULL,
    weekday   SMALLINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts_at TIME NOT NULL,
    ends_at   TIME NOT NULL,
    PRIMARY KEY (clinic_id, staff_id, weekday),
    FOREIGN KEY (clinic_id, staff_id) REFERENCES staff_users (clinic_id, id),
    CHECK (ends_at > starts_at)
);
