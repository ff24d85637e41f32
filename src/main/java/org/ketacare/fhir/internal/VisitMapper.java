package org.ketacare.fhir.internal;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.ketacare.infusion.VisitChart;

/**
 * A visit as a FHIR Encounter, and its infusion as a MedicationAdministration of ketamine
 * (RxNorm 6130) with the dose, rate, route and the lots of the vials drawn.
 */
public final class VisitMapper {

	public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	public static final String KETAMINE = "6130";

	private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	private static final String SNOMED = "http://snomed.info/sct";

	private VisitMapper() {
	}

	/**
	 * The visit as an Encounter; {@code courseId} is the course of its appointment, the
	 * episode of care it belongs to, or {@code null}.
	 */
	public static Encounter encounter(VisitChart chart, UUID courseId) {
		VisitChart.Header visit = chart.visit();
		Encounter encounter = new Encounter();
		encounter.setId(visit.id().toString());
		encounter.setStatus(switch (visit.status()) {
			case DISCHARGED, CLOSED -> Encounter.EncounterStatus.FINISHED;
			default -> Encounter.EncounterStatus.INPROGRESS;
		});
		encounter.setClass_(new Coding(ACT_CODE, "AMB", "ambulatory"));
		encounter.addType().setText("Ketamine infusion visit");
		encounter.setSubject(PatientMapper.reference(visit.patientId()));
		if (visit.appointmentId() != null) {
			encounter.addAppointment(new Reference("Appointment/" + visit.appointmentId()));
		}
		if (courseId != null) {
			encounter.addEpisodeOfCare(new Reference("EpisodeOfCare/" + courseId));
		}
		Period period = new Period().setStart(Date.from(visit.checkedInAt()));
		if (visit.dischargedAt() != null) {
			period.setEnd(Date.from(visit.dischargedAt()));
		}
		encounter.setPeriod(period);
		if (visit.roomName() != null) {
			encounter.addLocation().setLocation(new Reference().setDisplay(visit.roomName()));
		}
		return encounter;
	}

	/** Whether the visit got as far as an infusion. */
	public static boolean hasAdministration(VisitChart chart) {
		return chart.visit().infusionStartedAt() != null && chart.doseOrder() != null;
	}

	public static MedicationAdministration administration(VisitChart chart) {
		VisitChart.Header visit = chart.visit();
		MedicationAdministration administration = new MedicationAdministration();
		administration.setId(visit.id().toString());
		administration.setStatus(
				(visit.infusionEndedAt() != null) ? MedicationAdministration.MedicationAdministrationStatus.COMPLETED
						: (visit.status() == org.ketacare.infusion.VisitStatus.PAUSED)
								? MedicationAdministration.MedicationAdministrationStatus.ONHOLD
								: MedicationAdministration.MedicationAdministrationStatus.INPROGRESS);
		org.hl7.fhir.r4.model.Medication ketamine = new org.hl7.fhir.r4.model.Medication();
		ketamine.setId("ketamine");
		ketamine.setCode(new CodeableConcept(new Coding(RXNORM, KETAMINE, "ketamine")).setText("Ketamine"));
		String lots = chart.draws()
			.stream()
			.map(VisitChart.DrawnVial::lot)
			.filter((lot) -> lot != null && !lot.isBlank())
			.distinct()
			.collect(Collectors.joining(", "));
		if (!lots.isEmpty()) {
			ketamine.getBatch().setLotNumber(lots);
		}
		administration.addContained(ketamine);
		administration.setMedication(new Reference("#ketamine"));
		administration.setSubject(PatientMapper.reference(visit.patientId()));
		administration.setContext(new Reference("Encounter/" + visit.id()));
		Period period = new Period().setStart(Date.from(visit.infusionStartedAt()));
		if (visit.infusionEndedAt() != null) {
			period.setEnd(Date.from(visit.infusionEndedAt()));
		}
		administration.setEffective(period);
		performer(chart).ifPresent((name) -> administration.addPerformer().setActor(new Reference().setDisplay(name)));
		VisitChart.DoseOrder order = chart.doseOrder();
		BigDecimal doseMg = (visit.administeredMg() != null) ? visit.administeredMg() : order.doseMg();
		MedicationAdministration.MedicationAdministrationDosageComponent dosage = administration.getDosage();
		dosage.setText(order.mgPerKg().toPlainString() + " mg/kg over " + order.durationMinutes() + " minutes");
		dosage.setRoute(new CodeableConcept(new Coding(SNOMED, "47625008", "Intravenous route")));
		SimpleQuantity dose = new SimpleQuantity();
		dose.setValue(doseMg).setUnit("mg").setSystem(ObservationMapper.UCUM).setCode("mg");
		dosage.setDose(dose);
		dosage.setRate(ObservationMapper.quantity(order.rateMgPerHour(), "mg/h", "mg/h"));
		return administration;
	}

	private static java.util.Optional<String> performer(VisitChart chart) {
		List<VisitChart.Event> events = chart.events();
		return events.stream()
			.filter((event) -> "START".equals(event.kind()))
			.map(VisitChart.Event::recordedByName)
			.findFirst();
	}

}
