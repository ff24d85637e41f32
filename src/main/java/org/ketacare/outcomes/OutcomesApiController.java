package org.ketacare.outcomes;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Measurement-based care for other systems: record answers, read a patient's outcomes,
 * read the instrument definitions and the missing one-month follow-ups.
 */
@RestController
class OutcomesApiController {

	private final Responses responses;

	private final Instruments instruments;

	private final FollowUps followUps;

	OutcomesApiController(Responses responses, Instruments instruments, FollowUps followUps) {
		this.responses = responses;
		this.instruments = instruments;
		this.followUps = followUps;
	}

	@GetMapping("/api/v1/outcomes/missing-follow-ups")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'THERAPIST', 'INTAKE')")
	List<FollowUps.Missing> missingFollowUps(@AuthenticationPrincipal StaffPrincipal me) {
		return this.followUps.missing(me);
	}

	@GetMapping("/api/v1/instruments")
	List<Instrument> instruments() {
		return this.instruments.all();
	}

	@PostMapping("/api/v1/patients/{patientId}/responses")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'THERAPIST', 'INTAKE')")
	ResponseEntity<RecordedJson> record(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@RequestBody(required = false) ResponseBody body) {
		// An empty body is checked like any other, after the role: every required field
		// is named.
		NewResponse command = (body != null) ? body.command()
				: new NewResponse(null, null, null, null, null, null, null);
		ResponseRecord recorded = this.responses.record(me, patientId, command, ResponseRecord.Source.API);
		return ResponseEntity.created(URI.create("/api/v1/patients/" + patientId + "/responses/" + recorded.id()))
			.body(RecordedJson.of(recorded));
	}

	@GetMapping("/api/v1/patients/{patientId}/responses/{responseId}")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'THERAPIST', 'INTAKE')")
	RecordedJson response(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId,
			@PathVariable UUID responseId) {
		return RecordedJson.of(this.responses.get(me, patientId, responseId));
	}

	@GetMapping("/api/v1/patients/{patientId}/outcomes")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'THERAPIST', 'INTAKE')")
	OutcomesJson outcomes(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID patientId) {
		PatientOutcomes outcomes = this.responses.outcomes(me, patientId);
		return new OutcomesJson(patientId, outcomes.scored().stream().map(InstrumentJson::of).toList(),
				outcomes.riskLevels());
	}

	/**
	 * The body of a new response. Answers are read one by one so that a fraction or a
	 * word is refused naming its item, never rounded into a score.
	 */
	record ResponseBody(String instrument, List<JsonNode> answers, String timePoint, String answeredBy,
			Instant answeredAt, UUID corrects, String correctionReason) {

		NewResponse command() {
			List<Integer> values = null;
			if (this.answers != null) {
				values = new ArrayList<>();
				List<InvalidInputException.FieldError> problems = new ArrayList<>();
				for (int index = 0; index < this.answers.size(); index++) {
					JsonNode answer = this.answers.get(index);
					if (answer == null || answer.isNull()) {
						values.add(null);
					}
					else if (answer.isIntegralNumber() && answer.canConvertToInt()) {
						values.add(answer.intValue());
					}
					else {
						problems.add(new InvalidInputException.FieldError("answers[" + index + "]",
								"item " + (index + 1) + " must be a whole-number score, or null when not answered"));
					}
				}
				if (!problems.isEmpty()) {
					throw new InvalidInputException(problems);
				}
			}
			return new NewResponse(this.instrument, values, this.timePoint, this.answeredBy, this.answeredAt,
					this.corrects, this.correctionReason);
		}

	}

	/**
	 * A recorded response; {@code total} and {@code severity} are null, not left out,
	 * when there are none.
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record RecordedJson(UUID id, String instrument, String timePoint, List<Integer> answers, Integer total,
			String severity, boolean complete, boolean prorated, List<String> flags, String answeredBy,
			Instant answeredAt, Instant recordedAt, UUID corrects, UUID correctedBy) {

		static RecordedJson of(ResponseRecord response) {
			return new RecordedJson(response.id(), response.instrument(), response.timePoint().code(),
					response.answers(), response.score().total(), response.score().severity(),
					response.score().complete(), response.score().prorated(), response.score().flags(),
					response.answeredBy().name().toLowerCase(), response.answeredAt(), response.recordedAt(),
					response.corrects(), response.correctedBy());
		}

	}

	record OutcomesJson(UUID patientId, List<InstrumentJson> instruments,
			List<PatientOutcomes.RiskLevelSeries> riskLevels) {
	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record InstrumentJson(String instrument, List<PointJson> series, PointJson baseline, PointJson latest,
			Integer change, BigDecimal changePercent, Boolean response, Boolean remission, String state,
			List<InstrumentOutcome.Relapse> relapses) {

		static InstrumentJson of(InstrumentOutcome outcome) {
			return new InstrumentJson(outcome.instrument(), outcome.series().stream().map(PointJson::of).toList(),
					PointJson.of(outcome.baseline()), PointJson.of(outcome.latest()), outcome.change(),
					outcome.changePercent(), outcome.response(), outcome.remission(), outcome.state().name(),
					outcome.relapses());
		}

	}

	record PointJson(UUID responseId, Instant answeredAt, String timePoint, int total, String severity) {

		static PointJson of(ScoredPoint point) {
			return (point != null) ? new PointJson(point.responseId(), point.answeredAt(), point.timePoint().code(),
					point.total(), point.severity()) : null;
		}

	}

}
