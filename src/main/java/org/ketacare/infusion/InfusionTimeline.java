package org.ketacare.infusion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The milligrams a pump delivered, from the timeline: the rate in force multiplied by the
 * time it ran (paused periods count nothing), capped at what was drawn — a pump cannot
 * give more than the bag holds — and rounded to 0.1 mg HALF_UP.
 */
final class InfusionTimeline {

	private static final BigDecimal SECONDS_PER_HOUR = new BigDecimal("3600");

	private InfusionTimeline() {
	}

	enum Kind {

		START, PAUSE, RESUME, RATE_CHANGE, STOP

	}

	/** One event; {@code rateMgPerHour} for START and RATE_CHANGE. */
	record Event(Kind kind, Instant at, BigDecimal rateMgPerHour) {
	}

	/** What the state allows next. */
	enum State {

		NOT_STARTED, RUNNING, PAUSED, STOPPED

	}

	static State state(List<Event> events) {
		State state = State.NOT_STARTED;
		for (Event event : events) {
			state = switch (event.kind()) {
				case START, RESUME -> State.RUNNING;
				case PAUSE -> State.PAUSED;
				case RATE_CHANGE -> state;
				case STOP -> State.STOPPED;
			};
		}
		return state;
	}

	/** The mg given from the first event up to {@code until} (or the stop). */
	static BigDecimal administeredMg(List<Event> events, Instant until, BigDecimal capMg) {
		BigDecimal total = BigDecimal.ZERO;
		BigDecimal rate = BigDecimal.ZERO;
		boolean running = false;
		Instant since = null;
		for (Event event : events) {
			Instant at = event.at().isAfter(until) ? until : event.at();
			if (running) {
				total = total.add(mg(rate, since, at));
			}
			switch (event.kind()) {
				case START -> {
					rate = event.rateMgPerHour();
					running = true;
				}
				case RESUME -> running = true;
				case PAUSE, STOP -> running = false;
				case RATE_CHANGE -> rate = event.rateMgPerHour();
			}
			since = at;
		}
		if (running && since != null && until.isAfter(since)) {
			total = total.add(mg(rate, since, until));
		}
		return total.min(capMg).setScale(1, RoundingMode.HALF_UP);
	}

	private static BigDecimal mg(BigDecimal rateMgPerHour, Instant from, Instant to) {
		long millis = Math.max(0, Duration.between(from, to).toMillis());
		return rateMgPerHour.multiply(BigDecimal.valueOf(millis))
			.divide(SECONDS_PER_HOUR.multiply(BigDecimal.valueOf(1000)), 10, RoundingMode.HALF_UP);
	}

}
