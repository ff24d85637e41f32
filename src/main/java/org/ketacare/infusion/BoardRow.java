package org.ketacare.infusion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ketacare.outcomes.OpenSafetyAlert;

/**
 * One chair on the live board: who, which stage, for how long, the latest vitals, what is
 * due and the patient's safety alerts no physician has acknowledged yet.
 */
public record BoardRow(VisitChart.Header visit, VisitChart.Vitals latestVitals, int openAlarms, Instant nextVitalsDue,
		List<OpenSafetyAlert> safetyAlerts, Instant now) {

	/**
	 * Minutes into the infusion, or into recovery once it has stopped; {@code null}
	 * before the start.
	 */
	public Long minutesInStage() {
		Instant since = (this.visit.infusionEndedAt() != null) ? this.visit.infusionEndedAt()
				: this.visit.infusionStartedAt();
		return (since != null) ? Duration.between(since, this.now).toMinutes() : null;
	}

	/** How old the latest vitals are, in minutes. */
	public Long vitalsAgeMinutes() {
		return (this.latestVitals != null) ? Duration.between(this.latestVitals.takenAt(), this.now).toMinutes() : null;
	}

	public boolean vitalsOverdue() {
		return this.nextVitalsDue != null && this.now.isAfter(this.nextVitalsDue);
	}

}
