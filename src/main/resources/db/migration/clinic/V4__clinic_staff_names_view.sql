-- The clinic module's published read model of staff names: other modules show who recorded or signed something by
-- joining this view, never the staff tables themselves.
CREATE VIEW staff_names AS
SELECT clinic_id, id, username, display_name, active
  FROM staff_users;
