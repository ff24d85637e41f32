package org.ketacare.course;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.ketacare.clinic.Room;
import org.ketacare.clinic.StaffHours;

/**
 * Everything the proposer needs, read beforehand: the proposer itself touches no
 * database.
 *
 * @param patientId whose course it is; their own bookings count against their
 * availability
 * @param startDate the first day a session may fall on
 * @param zone the clinic's zone, in which opening and working hours are meant
 * @param rooms the clinic's rooms; inactive ones are never used
 * @param staff the staff's working hours with their roles
 * @param bookings the visits already booked around these dates
 * @param nursePatientsMax how many patients one nurse watches at once
 * @param slotMinutes the granularity of start times, counted from each room's opening
 * @param followUpVisitMinutes the length of the follow-up visit
 * @param followUpToleranceDays how many days after its target date the follow-up may fall
 * @param availability when the patient can come
 */
public record PlanningRequest(UUID patientId, Protocol protocol, LocalDate startDate, ZoneId zone, List<Room> rooms,
		List<StaffHours> staff, List<Booking> bookings, int nursePatientsMax, int slotMinutes, int followUpVisitMinutes,
		int followUpToleranceDays, PatientAvailability availability) {

	public PlanningRequest {
		rooms = List.copyOf(rooms);
		staff = List.copyOf(staff);
		bookings = List.copyOf(bookings);
		if (nursePatientsMax < 1) {
			throw new IllegalArgumentException("a nurse watches at least one patient");
		}
		if (slotMinutes < 1 || slotMinutes > 240) {
			throw new IllegalArgumentException("slot minutes must be 1 to 240");
		}
		if (followUpVisitMinutes < 1 || followUpToleranceDays < 0) {
			throw new IllegalArgumentException("follow-up visit length and tolerance must be positive");
		}
	}

}
