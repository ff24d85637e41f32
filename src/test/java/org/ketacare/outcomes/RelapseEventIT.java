package org.ketacare.outcomes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The booster trigger: when a responder's scores cross the clinic's relapse rule (by
 * default two scores in a row below a 50 % reduction), recording the response that
 * completes the rule publishes {@link RelapseDetected}, once.
 */
@KetaCareIntegrationTest
@RecordApplicationEvents
class RelapseEventIT {

	@Autowired
	TestStaff staff;

	@Autowired
	OutcomePatients patients;

	@Autowired
	Responses responses;

	@Autowired
	Clock clock;

	@Test
	void theResponseThatCompletesTheRelapseRulePublishesTheEvent(ApplicationEvents events) {
		UUID patient = this.patients.newPatient("main");
		Instant now = this.clock.instant();
		record(patient, "baseline", now.minus(Duration.ofDays(40)), 3, 3, 3, 3, 2, 2, 2, 2, 0);
		ResponseRecord responded = record(patient, "pre-infusion-4", now.minus(Duration.ofDays(30)), 1, 1, 1, 1, 1, 1,
				1, 1, 0);
		record(patient, "post-induction", now.minus(Duration.ofDays(20)), 2, 2, 2, 1, 1, 1, 1, 1, 0);
		assertThat(events.stream(RelapseDetected.class)).as("one short score is not a relapse").isEmpty();

		ResponseRecord relapse = record(patient, "1-month-follow-up", now.minus(Duration.ofDays(2)), 2, 2, 2, 2, 1, 1,
				1, 1, 0);
		assertThat(events.stream(RelapseDetected.class)).singleElement().satisfies((event) -> {
			assertThat(event.patientId()).isEqualTo(patient);
			assertThat(event.clinicId()).isEqualTo(this.staff.demo("nurse.main").clinicId());
			assertThat(event.instrument()).isEqualTo("PHQ-9");
			assertThat(event.responseId()).isEqualTo(relapse.id());
			assertThat(event.baselineTotal()).isEqualTo(20);
			assertThat(event.total()).isEqualTo(12);
			assertThat(event.respondedAt()).isEqualTo(responded.answeredAt());
			assertThat(event.daysToRelapse()).isEqualTo(28);
		});

		record(patient, "booster", now.minus(Duration.ofDays(1)), 3, 3, 2, 2, 1, 1, 1, 1, 0);
		assertThat(events.stream(RelapseDetected.class)).as("a relapse is announced once").hasSize(1);
		assertThat(this.responses.outcomes(this.staff.demo("physician.main"), patient).scored().get(0).state())
			.isEqualTo(InstrumentOutcome.ResponseState.RELAPSED);
	}

	private ResponseRecord record(UUID patient, String timePoint, Instant answeredAt, Integer... answers) {
		return this.responses.record(this.staff.demo("nurse.main"), patient,
				new NewResponse("PHQ-9", List.of(answers), timePoint, null, answeredAt, null, null),
				ResponseRecord.Source.API);
	}

}
