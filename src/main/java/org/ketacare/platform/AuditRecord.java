package org.ketacare.platform;

import java.util.UUID;

/**
 * One line for the audit trail: what was done, to what, and how it ended. The actor,
 * clinic and source address are taken from the current request unless {@link #asActor}
 * names them, as sign-in does before anyone is signed in.
 *
 * @param action what was done, such as {@code SIGN_IN} or {@code STAFF_CREATED}
 * @param outcome how it ended
 * @param targetType the kind of record acted on, or {@code null}
 * @param targetId the record acted on, or {@code null}
 * @param patientId the patient whose data was read or changed, or {@code null}
 * @param details a short human-readable note, never a password or a token
 * @param actor who acted, when not the signed-in staff member; {@code null} otherwise
 */
public record AuditRecord(String action, AuditOutcome outcome, String targetType, String targetId, UUID patientId,
		String details, Actor actor) {

	public AuditRecord {
		if (action == null || !action.matches("[A-Z][A-Z0-9_]{1,63}")) {
			throw new IllegalArgumentException("audit action must be UPPER_SNAKE_CASE: " + action);
		}
		if (outcome == null) {
			throw new IllegalArgumentException("audit outcome is required");
		}
	}

	public static AuditRecord of(String action, AuditOutcome outcome) {
		return new AuditRecord(action, outcome, null, null, null, null, null);
	}

	public static AuditRecord success(String action) {
		return of(action, AuditOutcome.SUCCESS);
	}

	public AuditRecord target(String type, Object id) {
		return new AuditRecord(this.action, this.outcome, type, (id != null) ? id.toString() : null, this.patientId,
				this.details, this.actor);
	}

	public AuditRecord patient(UUID id) {
		return new AuditRecord(this.action, this.outcome, this.targetType, this.targetId, id, this.details, this.actor);
	}

	public AuditRecord details(String text) {
		return new AuditRecord(this.action, this.outcome, this.targetType, this.targetId, this.patientId, text,
				this.actor);
	}

	public AuditRecord asActor(Actor who) {
		return new AuditRecord(this.action, this.outcome, this.targetType, this.targetId, this.patientId, this.details,
				who);
	}

	/**
	 * Who acted, for records made before or outside a signed-in request.
	 *
	 * @param clinicId the clinic whose chain the record joins; {@code null} for the
	 * network's own chain
	 * @param staffId the staff member, or {@code null} when unknown
	 * @param username the name given, known or not
	 * @param roles the staff member's roles, comma separated, or {@code null}
	 */
	public record Actor(UUID clinicId, UUID staffId, String username, String roles) {

		public static Actor of(StaffPrincipal principal) {
			return new Actor(principal.clinicId(), principal.staffId(), principal.username(), principal.rolesText());
		}

	}

}
