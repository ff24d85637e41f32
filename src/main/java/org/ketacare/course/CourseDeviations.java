package org.ketacare.course;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a course departs from its protocol, judged against the protocol's numbers as they
 * were when it was planned. Pure.
 */
final class CourseDeviations {

	private CourseDeviations() {
	}

	static List<Deviation> of(Course course, List<Appointment> appointments, Instant now, ZoneId zone) {
		List<Deviation> deviations = new ArrayList<>();
		LocalDate today = now.atZone(zone).toLocalDate();
		List<Appointment> infusions = appointments.stream()
			.filter((appointment) -> appointment.kind() == VisitKind.INFUSION)
			.filter((appointment) -> appointment.status() == AppointmentStatus.BOOKED
					|| appointment.status() == AppointmentStatus.ATTENDED)
			.sorted(Comparator.comparing(Appointment::start))
			.toList();
		LocalDate phaseStart = course.startDate();
		for (Protocol.Phase phase : course.protocol().phases()) {
			LocalDate windowEnd = phaseStart.plusDays(phase.windowDays());
			List<Appointment> ofPhase = infusions.stream()
				.filter((appointment) -> appointment.phase().equals(phase.name()))
				.toList();
			for (Appointment appointment : ofPhase) {
				if (!appointment.start().atZone(zone).toLocalDate().isBefore(windowEnd)) {
					deviations.add(new Deviation(Deviation.Kind.PAST_WINDOW, appointment.id(),
							"Session " + appointment.number() + " of the " + phase.name() + " phase falls after its "
									+ phase.windowDays() + "-day window, which ended on " + windowEnd.minusDays(1)));
				}
			}
			long attended = ofPhase.stream()
				.filter((appointment) -> appointment.status() == AppointmentStatus.ATTENDED)
				.count();
			if (course.status().isOpen() && !today.isBefore(windowEnd) && attended < phase.sessions()) {
				deviations.add(new Deviation(Deviation.Kind.PAST_WINDOW, null,
						"The " + phase.name() + " phase ran past its window (ended " + windowEnd.minusDays(1)
								+ ") with " + attended + " of " + phase.sessions() + " sessions attended"));
			}
			if (course.status().isOpen() && ofPhase.size() < phase.sessions()) {
				deviations.add(new Deviation(Deviation.Kind.SESSIONS_MISSING, null, ofPhase.size() + " of "
						+ phase.sessions() + " sessions of the " + phase.name() + " phase are booked or attended"));
			}
			phaseStart = windowEnd;
		}
		for (int index = 1; index < infusions.size(); index++) {
			Appointment previous = infusions.get(index - 1);
			Appointment next = infusions.get(index);
			Duration gap = Duration.between(previous.start(), next.start());
			int minimumHours = minimumIntervalHours(course.protocol(), next.phase());
			if (gap.compareTo(Duration.ofHours(minimumHours)) < 0) {
				deviations.add(new Deviation(Deviation.Kind.INTERVAL_BELOW_MINIMUM, next.id(),
						"Only " + gap.toHours() + " h " + gap.toMinutesPart() + " min after the previous infusion; "
								+ "the minimum is " + minimumHours + " h"));
			}
		}
		for (Appointment appointment : appointments) {
			if (appointment.status() == AppointmentStatus.NO_SHOW) {
				deviations.add(new Deviation(Deviation.Kind.MISSED_SESSION, appointment.id(),
						"The patient did not come on " + appointment.start().atZone(zone).toLocalDate()));
			}
			else if (appointment.status() == AppointmentStatus.BOOKED && appointment.end().isBefore(now)) {
				deviations.add(new Deviation(Deviation.Kind.MISSED_SESSION, appointment.id(),
						"The visit of " + appointment.start().atZone(zone).toLocalDate()
								+ " is over but not recorded as attended or missed"));
			}
		}
		return deviations;
	}

	/**
	 * The minimum interval before a session of the named phase; boosters use the first.
	 */
	static int minimumIntervalHours(Protocol protocol, String phaseName) {
		return protocol.phases()
			.stream()
			.filter((phase) -> phase.name().equals(phaseName))
			.findFirst()
			.orElse(protocol.firstPhase())
			.minimumIntervalHours();
	}

}
