package org.ketacare.course;

import org.ketacare.outcomes.RelapseDetected;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns a relapse the outcomes module detects into a booster suggestion on the patient's
 * open course, for a physician to confirm. Runs after the response is committed, from
 * Spring Modulith's event publication registry, so a failure here is retried rather than
 * lost.
 */
@Component
class RelapseBoosters {

	private final Boosters boosters;

	RelapseBoosters(Boosters boosters) {
		this.boosters = boosters;
	}

	@ApplicationModuleListener
	void on(RelapseDetected relapse) {
		this.boosters.suggest(relapse.clinicId(), relapse.patientId(),
				relapse.instrument() + " total " + relapse.total() + " against a baseline of " + relapse.baselineTotal()
						+ ", " + relapse.daysToRelapse() + " days after the response: the clinic's relapse rule is met",
				"outcomes: " + relapse.instrument() + " relapse rule");
	}

}
