package org.ketacare.screening;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A screening and its decision as the API shows it. {@code maudsleyScore} is the score,
 * or its lowest possible value when {@code maudsleyComplete} is false.
 */
record ScreeningJson(UUID id, UUID patientId, Instant screenedAt, String screenedBy, String decision,
		List<ReasonJson> reasons, String rulesVersion, String ruleParameters, int maudsleyScore,
		boolean maudsleyComplete, int maudsleyMaximum, String maudsleyBand, List<String> maudsleyMissing,
		UUID supersedes, UUID supersededBy, boolean current, ScreeningFacts answers, String notes,
		@JsonInclude(JsonInclude.Include.ALWAYS) ReviewJson review) {

	static ScreeningJson of(Screening screening) {
		return new ScreeningJson(screening.id(), screening.patientId(), screening.screenedAt(),
				screening.screenedByName(), screening.outcome().name(),
				screening.reasons()
					.stream()
					.map((reason) -> new ReasonJson(reason.code(), reason.kind().name(), reason.message(),
							reason.evidence()))
					.toList(),
				screening.rulesVersionText(), screening.ruleParameters(), screening.maudsley().minimum(),
				screening.maudsley().isComplete(), screening.maudsley().maximum(), screening.maudsley().band(),
				screening.maudsley().missing(), screening.supersedes(), screening.supersededBy(), screening.isCurrent(),
				screening.facts(), screening.notes(),
				screening.review()
					.map((review) -> new ReviewJson(review.decision().name(), review.justification(),
							review.signerName(), review.signedAt(), review.meaning(), review.againstResult()))
					.orElse(null));
	}

	record ReasonJson(String code, String kind, String message, String evidence) {
	}

	record ReviewJson(String decision, String justification, String physician, Instant signedAt, String meaning,
			boolean againstResult) {
	}

}
