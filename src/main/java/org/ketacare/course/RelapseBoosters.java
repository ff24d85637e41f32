package org.ketacare.course;

import java.util.Optional;

import org.ketacare.outcomes.RelapseDetected;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns a relapse the outcomes module detects into a booster suggestion on the patient's
 * open course, for a physician to confirm; after the course ended, into a relapse during
 * follow-up for the clinic's physicians to see. Runs after the response is committed,
 * from Spring Modulith's event publication registry, so a failure here is retried rather
 * than lost.
 */
@Component
class RelapseBoosters {

	private final Boosters boosters;

	private final RelapseFollowUps followUps;

	RelapseBoosters(Boosters boosters, RelapseFollowUps followUps) {
		this.boosters = boosters;
		this.followUps = followUps;
	}

	@ApplicationModuleListener
	void on(RelapseDetected relapse) {
		Optional<BoosterRequest> suggested = this.boosters.suggest(relapse.clinicId(), relapse.patientId(),
				relapse.instrument() + " total " + relapse.total() + " against a baseline of " + relapse.baselineTotal()
						+ ", " + relapse.daysToRelapse() + " days after the response: the clinic's relapse rule is met",
				"outcomes: " + relapse.instrument() + " relapse rule");
		if (suggested.isEmpty()) {
			this.followUps.raise(relapse);
		}
	}

}
