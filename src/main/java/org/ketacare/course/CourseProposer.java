package org.ketacare.course;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.ketacare.clinic.Room;

/**
 * Proposes every session of a course and its follow-up visit in the clinic's free
 * capacity, or names the rule that makes it impossible. Pure: records in, records out.
 *
 * <p>
 * Each phase is placed twice at most: first in the protocol's preferred rhythm (such as
 * two or three sessions a week), then, if that does not fit, each session at the earliest
 * time that fits after the previous one. The second way fits whenever any placement on
 * the slot grid fits, because an earlier session never leaves less room for the next.
 * When neither fits, the rules are added one by one in the order of
 * {@link BlockingConstraint}, and the first whose addition makes the course impossible is
 * named.
 */
public final class CourseProposer {

	static final String FOLLOW_UP_PHASE = "follow-up";

	private static final int MINUTES_A_DAY = 24 * 60;

	private CourseProposer() {
	}

	public static Proposal propose(PlanningRequest request) {
		Set<BlockingConstraint> every = EnumSet.allOf(BlockingConstraint.class);
		Attempt rhythmic = attempt(request, every, true);
		if (rhythmic.failure() == null) {
			return new Proposal.Found(rhythmic.visits());
		}
		Attempt packed = attempt(request, every, false);
		if (packed.failure() == null) {
			return new Proposal.Found(packed.visits());
		}
		Set<BlockingConstraint> considered = EnumSet.noneOf(BlockingConstraint.class);
		for (BlockingConstraint constraint : BlockingConstraint.values()) {
			considered.add(constraint);
			Attempt relaxed = (considered.size() == every.size()) ? packed : attempt(request, considered, false);
			if (relaxed.failure() != null) {
				return blocked(request, constraint, relaxed.failure());
			}
		}
		throw new IllegalStateException("a course that fails with every rule fails with some prefix of them");
	}

	private static Attempt attempt(PlanningRequest request, Set<BlockingConstraint> considered, boolean rhythm) {
		ScheduleRules rules = new ScheduleRules(request.zone(), request.rooms(), request.staff(), request.bookings(),
				request.nursePatientsMax());
		List<Booking> ownInfusions = request.bookings()
			.stream()
			.filter((booking) -> booking.infusion() && booking.patientId().equals(request.patientId()))
			.toList();
		Protocol protocol = request.protocol();
		List<ProposedVisit> visits = new ArrayList<>();
		ZonedDateTime previous = null;
		ZonedDateTime lastOfFirstPhase = null;
		LocalDate phaseStart = request.startDate();
		for (Protocol.Phase phase : protocol.phases()) {
			LocalDate windowEnd = phaseStart.plusDays(phase.windowDays());
			Duration interval = Duration.ofHours(phase.minimumIntervalHours());
			for (int index = 0; index < phase.sessions(); index++) {
				LocalDate earliest = phaseStart;
				if (rhythm) {
					earliest = phaseStart.plusDays(Math.round(index * 7.0 / phase.preferredPerWeek()));
				}
				Instant notBefore = Instant.MIN;
				if (previous != null) {
					LocalDate dayAfter = previous.toLocalDate().plusDays(1);
					earliest = earliest.isBefore(dayAfter) ? dayAfter : earliest;
					notBefore = previous.toInstant().plus(interval);
				}
				Slot slot = new Slot(VisitKind.INFUSION, phase.name(), index + 1, protocol.visitMinutes(), earliest,
						windowEnd, notBefore, interval);
				Optional<ProposedVisit> visit = firstFit(request, rules, considered, ownInfusions, slot);
				if (visit.isEmpty()) {
					return Attempt.failed(slot);
				}
				visits.add(visit.get());
				rules.add(new Booking(visit.get().roomId(), visit.get().start().toInstant(),
						visit.get().end().toInstant(), true, request.patientId()));
				previous = visit.get().start();
			}
			if (lastOfFirstPhase == null) {
				lastOfFirstPhase = previous;
			}
			phaseStart = windowEnd;
		}
		if (protocol.followUpDays() > 0) {
			LocalDate target = lastOfFirstPhase.toLocalDate().plusDays(protocol.followUpDays());
			Slot slot = new Slot(VisitKind.FOLLOW_UP, FOLLOW_UP_PHASE, 1, request.followUpVisitMinutes(), target,
					target.plusDays(request.followUpToleranceDays() + 1L), Instant.MIN, Duration.ZERO);
			Optional<ProposedVisit> visit = firstFit(request, rules, considered, List.of(), slot);
			if (visit.isEmpty()) {
				return Attempt.failed(slot);
			}
			visits.add(visit.get());
		}
		return new Attempt(visits, null);
	}

	/**
	 * The follow-up visit for a course whose first phase ends on
	 * {@code lastOfFirstPhase}: the first time that fits from the target day on, within
	 * the tolerance.
	 */
	public static Optional<ProposedVisit> placeFollowUp(PlanningRequest request, LocalDate lastOfFirstPhase) {
		ScheduleRules rules = new ScheduleRules(request.zone(), request.rooms(), request.staff(), request.bookings(),
				request.nursePatientsMax());
		LocalDate target = lastOfFirstPhase.plusDays(request.protocol().followUpDays());
		Slot slot = new Slot(VisitKind.FOLLOW_UP, FOLLOW_UP_PHASE, 1, request.followUpVisitMinutes(), target,
				target.plusDays(request.followUpToleranceDays() + 1L), Instant.MIN, Duration.ZERO);
		return firstFit(request, rules, EnumSet.allOf(BlockingConstraint.class), List.of(), slot);
	}

	private static Optional<ProposedVisit> firstFit(PlanningRequest request, ScheduleRules rules,
			Set<BlockingConstraint> considered, List<Booking> ownInfusions, Slot slot) {
		for (LocalDate day = slot.from(); day.isBefore(slot.until()); day = day.plusDays(1)) {
			LocalDate today = day;
			boolean infusionThatDay = ownInfusions.stream()
				.anyMatch((booking) -> booking.start().atZone(request.zone()).toLocalDate().equals(today));
			if (infusionThatDay && slot.kind() == VisitKind.INFUSION) {
				continue;
			}
			for (LocalTime time : startTimes(request, rules, considered, day, slot.minutes())) {
				LocalDateTime local = day.atTime(time);
				ZonedDateTime start = local.atZone(request.zone());
				if (!start.toLocalDateTime().equals(local) || start.toInstant().isBefore(slot.notBefore())) {
					// Skipped by a daylight-saving gap, or too soon after the previous
					// session.
					continue;
				}
				Instant startInstant = start.toInstant();
				boolean tooCloseToOwn = ownInfusions.stream()
					.anyMatch((booking) -> Duration.between(booking.start(), startInstant)
						.abs()
						.compareTo(slot.interval()) < 0);
				if (tooCloseToOwn) {
					continue;
				}
				ZonedDateTime end = start.plusMinutes(slot.minutes());
				ScheduleRules.Verdict verdict = rules.check(start, end, slot.kind() == VisitKind.INFUSION, null,
						request.patientId(), request.availability(), considered);
				if (verdict.fits()) {
					return Optional
						.of(new ProposedVisit(slot.kind(), slot.phase(), slot.number(), start, end, verdict.roomId()));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The start times to try on a day: every slot from each open room's opening time that
	 * leaves room for the whole visit, or, while opening hours are not considered, every
	 * slot of the day.
	 */
	private static Set<LocalTime> startTimes(PlanningRequest request, ScheduleRules rules,
			Set<BlockingConstraint> considered, LocalDate day, int minutes) {
		Set<LocalTime> times = new TreeSet<>();
		if (!considered.contains(BlockingConstraint.CLINIC_CLOSED)) {
			for (int minute = 0; minute < MINUTES_A_DAY; minute += request.slotMinutes()) {
				times.add(LocalTime.MIN.plusMinutes(minute));
			}
			return times;
		}
		for (Room room : rules.rooms()) {
			room.openingHours().stream().filter((hours) -> hours.day() == day.getDayOfWeek()).forEach((hours) -> {
				int opens = hours.from().toSecondOfDay() / 60;
				int closes = hours.to().toSecondOfDay() / 60;
				for (int minute = opens; minute + minutes <= closes; minute += request.slotMinutes()) {
					times.add(LocalTime.MIN.plusMinutes(minute));
				}
			});
		}
		return times;
	}

	private static Proposal.Blocked blocked(PlanningRequest request, BlockingConstraint constraint, Slot slot) {
		String what = slot.kind() == VisitKind.FOLLOW_UP ? "the follow-up visit"
				: "session " + slot.number() + " of the " + slot.phase() + " phase";
		String dates = slot.from() + " to " + slot.until().minusDays(1);
		String explanation = switch (constraint) {
			case WINDOW_TOO_SHORT ->
				"There is no time left for " + what + " by " + slot.until().minusDays(1) + " with at least "
						+ slot.interval().toHours() + " h after the previous session and one session a day";
			case CLINIC_CLOSED ->
				"No room is open for a whole " + slot.minutes() + "-minute visit for " + what + " from " + dates;
			case PATIENT_AVAILABILITY ->
				"The patient's stated availability leaves no time for " + what + " from " + dates;
			case PHYSICIAN_ABSENT -> "No physician works during a whole visit for " + what + " from " + dates;
			case ROOM_CAPACITY -> "Every open room is booked whenever " + what + " could take place from " + dates;
			case NURSE_CAPACITY -> "The nurses on duty already watch " + request.nursePatientsMax()
					+ " patients each whenever " + what + " could take place from " + dates;
		};
		return new Proposal.Blocked(constraint, slot.phase(), slot.number(), explanation);
	}

	/**
	 * A session to place.
	 *
	 * @param from the first day to try
	 * @param until the first day not to try
	 * @param notBefore the earliest start (minimum interval after the previous session)
	 * @param interval the minimum interval to the patient's other infusions
	 */
	private record Slot(VisitKind kind, String phase, int number, int minutes, LocalDate from, LocalDate until,
			Instant notBefore, Duration interval) {
	}

	private record Attempt(List<ProposedVisit> visits, Slot failure) {

		static Attempt failed(Slot slot) {
			return new Attempt(List.of(), slot);
		}

	}

}
