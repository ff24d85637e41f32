package org.ketacare.screening;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.clinic.ClinicSettings;

import org.springframework.stereotype.Service;

/**
 * Whether a patient may start a course: a physician approved their latest screening, and
 * the approval has not expired (clinic setting, 90 days by default).
 */
@Service
public class Eligibility {

	private final ScreeningRepository screenings;

	private final ClinicSettings settings;

	private final Clock clock;

	Eligibility(ScreeningRepository screenings, ClinicSettings settings, Clock clock) {
		this.screenings = screenings;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The approval the patient holds now, if any: the physician's approval of their
	 * latest screening, within the clinic's validity period.
	 */
	public Optional<Approval> currentApproval(UUID clinicId, UUID patientId) {
		return latestApproval(clinicId, patientId).filter((approval) -> !approval.isExpiredAt(this.clock.instant()));
	}

	/** The approval of the patient's latest screening, expired or not. */
	public Optional<Approval> latestApproval(UUID clinicId, UUID patientId) {
		return this.screenings.latestForPatient(clinicId, patientId)
			.flatMap((screening) -> screening.review()
				.filter((review) -> review.decision() == Screening.ReviewDecision.APPROVED)
				.map((review) -> new Approval(screening.id(), screening.outcome(), review.signerName(),
						review.signedAt(),
						review.signedAt()
							.plus(Duration
								.ofDays(this.settings.integer(clinicId, ScreeningSettings.APPROVAL_VALIDITY_DAYS))),
						review.againstResult(), review.justification())));
	}

	/**
	 * A physician's approval of a screening.
	 *
	 * @param outcome what the eligibility rules found
	 * @param expiresAt when the approval lapses if no course has started
	 * @param againstRules whether the physician approved although the rules found the
	 * patient INELIGIBLE
	 * @param justification the physician's written reason, if given
	 */
	public record Approval(UUID screeningId, Outcome outcome, String physicianName, Instant approvedAt,
			Instant expiresAt, boolean againstRules, String justification) {

		public boolean isExpiredAt(Instant instant) {
			return !instant.isBefore(this.expiresAt);
		}

	}

}
