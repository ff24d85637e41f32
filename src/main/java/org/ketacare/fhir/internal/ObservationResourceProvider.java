package org.ketacare.fhir.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.ketacare.infusion.VisitChart;
import org.ketacare.infusion.Visits;
import org.ketacare.outcomes.Instrument;
import org.ketacare.outcomes.Instruments;
import org.ketacare.outcomes.ResponseRecord;
import org.ketacare.outcomes.Responses;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;

/**
 * FHIR {@code Observation}: a patient's vital signs and questionnaire totals, searched by
 * patient, code, date and category, sorted by date, a page at a time.
 */
@Component
public class ObservationResourceProvider implements IResourceProvider, PatientCompartment {

	private final Visits visits;

	private final Responses responses;

	private final Instruments instruments;

	private final FhirCaller caller;

	private final PatientRecords records;

	ObservationResourceProvider(Visits visits, Responses responses, Instruments instruments, FhirCaller caller,
			PatientRecords records) {
		this.records = records;
		this.visits = visits;
		this.responses = responses;
		this.instruments = instruments;
		this.caller = caller;
	}

	@Override
	public Class<Observation> getResourceType() {
		return Observation.class;
	}

	@Override
	public String resourceType() {
		return "Observation";
	}

	@Override
	public List<Observation> ofPatient(PatientRecord patient) {
		return observations(patient, true, true);
	}

	/**
	 * One observation by the id we gave it: {@code wt-} and the visit, {@code bp-},
	 * {@code hr-}, {@code spo2-} or {@code rr-} and the set of vital signs,
	 * {@code score-} and the questionnaire response (a corrected one is
	 * {@code entered-in-error}).
	 */
	@Read
	public Observation read(@IdParam IdType id) {
		StaffPrincipal by = this.caller.staff();
		String idPart = id.getIdPart();
		int dash = idPart.indexOf('-');
		String kind = (dash > 0) ? idPart.substring(0, dash) : "";
		UUID key = FhirCaller.uuid("Observation", (dash > 0) ? idPart.substring(dash + 1) : idPart);
		return this.caller.read(() -> {
			Observation observation = switch (kind) {
				case "wt" -> this.visits.findChart(by, key)
					.map((chart) -> ObservationMapper.weight(chart.visit().patientId(), chart.visit()))
					.orElse(null);
				case "bp", "hr", "spo2",
						"rr" ->
					this.visits.findChartOfVitals(by, key)
						.flatMap((chart) -> vitalsOf(chart, key))
						.flatMap((vitals) -> vitals.stream()
							.filter((candidate) -> candidate.getIdPart().equals(idPart))
							.findFirst())
						.orElse(null);
				case "score" -> this.responses.find(by, key)
					.filter(ObservationResourceProvider::scored)
					.flatMap((response) -> this.instruments.find(response.instrument())
						.map((instrument) -> ObservationMapper.total(response, instrument)))
					.orElse(null);
				default -> null;
			};
			if (observation == null) {
				throw FhirCaller.notFound("Observation", idPart);
			}
			this.caller.shown(by, "Observation", FhirCaller.uuid(observation.getSubject().getReferenceElement()),
					"read");
			return observation;
		});
	}

	private static boolean scored(ResponseRecord response) {
		return response.score().total() != null || response.score().severity() != null;
	}

	private static Optional<List<Observation>> vitalsOf(VisitChart chart, UUID vitalsId) {
		return chart.vitals()
			.stream()
			.filter((vitals) -> vitals.id().equals(vitalsId))
			.findFirst()
			.map((vitals) -> ObservationMapper.vitals(chart, vitals));
	}

	private List<Observation> observations(PatientRecord patient, boolean vitalSigns, boolean surveys) {
		UUID patientId = patient.patientId();
		List<Observation> found = new ArrayList<>();
		if (vitalSigns) {
			for (VisitChart chart : patient.charts()) {
				found.add(ObservationMapper.weight(patientId, chart.visit()));
				for (VisitChart.Vitals vitals : chart.vitals()) {
					found.addAll(ObservationMapper.vitals(chart, vitals));
				}
			}
		}
		if (surveys) {
			for (ResponseRecord response : patient.responses()) {
				Instrument instrument = this.instruments.find(response.instrument()).orElse(null);
				if (instrument != null && response.isCurrent() && scored(response)) {
					found.add(ObservationMapper.total(response, instrument));
				}
			}
		}
		return found;
	}

	@Search
	public IBundleProvider search(@RequiredParam(name = Observation.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = Observation.SP_CODE) TokenOrListParam code,
			@OptionalParam(name = Observation.SP_DATE) DateRangeParam date,
			@OptionalParam(name = Observation.SP_CATEGORY) TokenOrListParam category, @Sort SortSpec sort,
			@Offset Integer offset, @Count Integer count) {
		StaffPrincipal by = this.caller.staff();
		Comparator<Observation> order = Paging.byDate(sort,
				(observation) -> observation.getEffectiveDateTimeType().getValue());
		UUID patientId = this.caller.patientOf(by, patient).orElse(null);
		if (patientId == null) {
			return Paging.page(List.of(), offset, count);
		}
		return this.caller.read(() -> {
			List<Observation> matching = observations(this.records.of(by, patientId),
					wanted(category, ObservationMapper.VITAL_SIGNS), wanted(category, ObservationMapper.SURVEY))
				.stream()
				.filter((observation) -> code == null || matches(code, observation.getCode()))
				.filter((observation) -> Paging.within(date, observation.getEffectiveDateTimeType().getValue()))
				.sorted(order)
				.toList();
			this.caller.shown(by, "Observation", patientId, "search");
			return Paging.page(matching, offset, count);
		});
	}

	private static boolean wanted(TokenOrListParam category, String code) {
		if (category == null) {
			return true;
		}
		for (TokenParam token : category.getValuesAsQueryTokens()) {
			if ((token.getSystem() == null || token.getSystem().equals(ObservationMapper.CATEGORY_SYSTEM))
					&& code.equals(token.getValue())) {
				return true;
			}
		}
		return false;
	}

	private static boolean matches(TokenOrListParam codes, CodeableConcept concept) {
		for (TokenParam token : codes.getValuesAsQueryTokens()) {
			for (Coding coding : concept.getCoding()) {
				if ((token.getSystem() == null || token.getSystem().equals(coding.getSystem()))
						&& coding.getCode().equals(token.getValue())) {
					return true;
				}
			}
		}
		return false;
	}

}
