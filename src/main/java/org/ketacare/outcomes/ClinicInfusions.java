package org.ketacare.outcomes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The clinic's infusion appointments as the kiosk needs them, implemented by the course
 * module (which depends on this module, so this module cannot depend on it).
 */
public interface ClinicInfusions {

	/**
	 * The clinic's infusion appointments, booked or attended, starting in [from, to), in
	 * time order.
	 */
	List<Infusion> between(UUID clinicId, Instant from, Instant to);

	/** The infusion appointment, booked or attended, if the clinic has it. */
	Optional<Infusion> find(UUID clinicId, UUID appointmentId);

	/**
	 * An infusion appointment.
	 *
	 * @param infusionNumber its place among the course's infusions that were not
	 * cancelled or missed, from 1
	 */
	record Infusion(UUID appointmentId, UUID patientId, Instant start, int infusionNumber) {
	}

}
