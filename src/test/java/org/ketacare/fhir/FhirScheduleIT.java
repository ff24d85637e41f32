package org.ketacare.fhir;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.jayway.jsonpath.JsonPath;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.course.Courses;
import org.ketacare.course.TestPatients;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The schedule through FHIR: a course planned through the course API (six induction
 * infusions and a follow-up, the second infusion cancelled) as Appointments and an
 * EpisodeOfCare, read and searched with HAPI's client.
 */
@KetaCareIntegrationTest
class FhirScheduleIT {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	Courses courses;

	UUID patient;

	UUID course;

	LocalDate startDate;

	List<String> appointments;

	List<String> starts;

	IGenericClient client;

	@BeforeEach
	void aPlannedCourseWithItsSecondInfusionCancelled() throws Exception {
		this.patient = TestPatients.approved(this.mvc, this.staff, "main", FhirFixtures.uniqueFamilyName());
		// A random Monday within the year a course may be planned, so that tests sharing
		// the demo calendar rarely meet; the proposer finds free rooms either way.
		this.startDate = LocalDate.now(this.clock.withZone(NEW_YORK))
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.plusWeeks(ThreadLocalRandom.current().nextInt(1, 50));
		String body = this.mvc
			.perform(post("/api/v1/patients/{id}/courses", this.patient)
				.with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"protocol\": \"iv-ketamine-standard\", \"startDate\": \"" + this.startDate + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		this.course = UUID.fromString(JsonPath.read(body, "$.id"));
		this.appointments = JsonPath.read(body, "$.appointments[*].id");
		this.starts = JsonPath.read(body, "$.appointments[*].start");
		this.mvc
			.perform(post("/api/v1/appointments/{id}/cancel", this.appointments.get(1))
				.with(TestStaff.as(this.staff.demo("intake.main")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\": \"Patient has the flu\"}"))
			.andExpect(status().isOk());
		this.client = FhirFixtures.signedIn(this.mvc, this.port, "nurse.main");
	}

	@Test
	void eachVisitIsAnAppointmentOfThePatientInItsRoom() {
		int before = FhirFixtures.fhirReads(this.jdbc, this.patient);
		Appointment first = this.client.read().resource(Appointment.class).withId(this.appointments.get(0)).execute();
		assertThat(first.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
		assertThat(first.getAppointmentType().getText()).isEqualTo("induction 1");
		assertThat(first.getServiceTypeFirstRep().getText()).isEqualTo("Ketamine infusion");
		assertThat(first.getStart().toInstant()).isEqualTo(OffsetDateTime.parse(this.starts.get(0)).toInstant());
		assertThat(first.getEnd()).isAfter(first.getStart());
		assertThat(first.getParticipant()).hasSize(2);
		assertThat(first.getParticipant().get(0).getActor().getReference()).isEqualTo("Patient/" + this.patient);
		assertThat(first.getParticipant().get(0).getStatus()).isEqualTo(Appointment.ParticipationStatus.ACCEPTED);
		assertThat(first.getParticipant().get(1).getActor().getDisplay()).contains("Chair");
		assertThat(first.getSupportingInformationFirstRep().getReference()).isEqualTo("EpisodeOfCare/" + this.course);
		Appointment cancelled = this.client.read()
			.resource(Appointment.class)
			.withId(this.appointments.get(1))
			.execute();
		assertThat(cancelled.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
		assertThat(cancelled.getCancelationReason().getText()).isEqualTo("Patient has the flu");
		Appointment followUp = this.client.read()
			.resource(Appointment.class)
			.withId(this.appointments.get(6))
			.execute();
		assertThat(followUp.getServiceTypeFirstRep().getText()).isEqualTo("Follow-up visit");
		assertThat(followUp.getAppointmentType().getText()).isEqualTo("follow-up 1");
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isEqualTo(before + 3);
	}

	@Test
	void appointmentsAreSearchedByPatientDateAndStatusSortedAndPaged() {
		int before = FhirFixtures.fhirReads(this.jdbc, this.patient);
		Bundle all = search("Appointment?patient=" + this.patient);
		assertThat(all.getTotal()).isEqualTo(7);
		assertThat(ids(all)).containsExactlyElementsOf(this.appointments);

		Bundle middle = search(
				"Appointment?patient=Patient/" + this.patient + "&date=ge" + instant(2) + "&date=le" + instant(4));
		assertThat(ids(middle)).containsExactlyElementsOf(this.appointments.subList(2, 5));
		assertThat(ids(search("Appointment?patient=" + this.patient + "&status=cancelled")))
			.containsExactly(this.appointments.get(1));
		assertThat(search(
				"Appointment?patient=" + this.patient + "&status=http://hl7.org/fhir/appointmentstatus|booked,noshow")
			.getTotal()).isEqualTo(6);
		assertThat(ids(search("Appointment?patient=" + this.patient + "&_sort=-date")).get(0))
			.isEqualTo(this.appointments.get(6));

		Bundle page = search("Appointment?patient=" + this.patient + "&_count=2");
		assertThat(ids(page)).containsExactlyElementsOf(this.appointments.subList(0, 2));
		assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
		Bundle second = this.client.loadPage().next(page).execute();
		assertThat(ids(second)).containsExactlyElementsOf(this.appointments.subList(2, 4));
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isEqualTo(before + 7);
	}

	@Test
	void theCourseIsAnEpisodeOfCareThatEndsCancelledWhenDiscontinued() {
		EpisodeOfCare episode = this.client.read()
			.resource(EpisodeOfCare.class)
			.withId(this.course.toString())
			.execute();
		assertThat(episode.getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.PLANNED);
		assertThat(episode.getPatient().getReference()).isEqualTo("Patient/" + this.patient);
		assertThat(episode.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("iv-ketamine-standard");
		assertThat(episode.getTypeFirstRep().getText()).isNotBlank();
		assertThat(episode.getManagingOrganization().getDisplay()).isNotBlank();
		assertThat(episode.getPeriod().getStartElement().getValueAsString()).isEqualTo(this.startDate.toString());
		assertThat(episode.getPeriod().hasEnd()).isFalse();

		String byPatient = "EpisodeOfCare?patient=" + this.patient;
		assertThat(ids(search(byPatient))).containsExactly(this.course.toString());
		assertThat(search(byPatient + "&status=planned,active").getTotal()).isEqualTo(1);
		assertThat(search(byPatient + "&status=finished").getTotal()).isZero();
		assertThat(search(byPatient + "&date=ge" + this.startDate.plusDays(3)).getTotal()).isEqualTo(1);
		assertThat(search(byPatient + "&date=lt" + this.startDate).getTotal()).isZero();
		assertThat(search(byPatient + "&date=le" + this.startDate).getTotal()).isEqualTo(1);

		this.courses.discontinue(this.staff.demo("physician.main"), this.course, "Patient moved away");
		assertThat(
				this.client.read().resource(EpisodeOfCare.class).withId(this.course.toString()).execute().getStatus())
			.isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.CANCELLED);
		assertThat(search(byPatient + "&status=cancelled").getTotal()).isEqualTo(1);
		assertThat(search(byPatient + "&date=ge" + this.startDate.plusDays(3)).getTotal()).isZero();
		assertThat(search("Appointment?patient=" + this.patient + "&status=cancelled").getTotal()).isEqualTo(7);
	}

	@Test
	void anotherClinicSeesNothingAndBadSearchesAreRefused() throws Exception {
		IGenericClient north = FhirFixtures.signedIn(this.mvc, this.port, "nurse.north");
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> north.read().resource(Appointment.class).withId(this.appointments.get(0)).execute());
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> north.read().resource(EpisodeOfCare.class).withId(this.course.toString()).execute());
		assertThat(north.search()
			.byUrl("Appointment?patient=" + this.patient)
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).isEmpty();
		assertThat(north.search()
			.byUrl("EpisodeOfCare?patient=" + this.patient)
			.returnBundle(Bundle.class)
			.execute()
			.getEntry()).isEmpty();
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isZero();

		for (String bad : List.of("Appointment?patient=" + this.patient + "&actor=Patient/" + this.patient,
				"Appointment?patient=" + this.patient + "&status=maybe",
				"Appointment?patient=" + this.patient + "&status:not=booked",
				"Appointment?patient=" + this.patient + "&_sort=status",
				"EpisodeOfCare?patient=" + this.patient + "&status=urn:other|active",
				"EpisodeOfCare?patient=" + this.patient + "&type=iv-ketamine-standard")) {
			assertThatExceptionOfType(InvalidRequestException.class).as(bad).isThrownBy(() -> search(bad));
		}
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(
				() -> this.client.read().resource(Appointment.class).withId(UUID.randomUUID().toString()).execute());
	}

	@Test
	void aRoleThatMayNotOpenACourseIsRefusedAndLeavesNoAuditRow() throws Exception {
		IGenericClient therapist = FhirFixtures.signedIn(this.mvc, this.port, "therapist.main");
		assertThatExceptionOfType(ForbiddenOperationException.class)
			.isThrownBy(() -> therapist.read().resource(Appointment.class).withId(this.appointments.get(0)).execute());
		assertThatExceptionOfType(ForbiddenOperationException.class).isThrownBy(() -> therapist.search()
			.byUrl("EpisodeOfCare?patient=" + this.patient)
			.returnBundle(Bundle.class)
			.execute());
		assertThat(FhirFixtures.fhirReads(this.jdbc, this.patient)).isZero();
	}

	private Bundle search(String url) {
		return this.client.search().byUrl(url).returnBundle(Bundle.class).execute();
	}

	private String instant(int appointment) {
		return OffsetDateTime.parse(this.starts.get(appointment)).toInstant().toString();
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map((entry) -> entry.getResource().getIdElement().getIdPart()).toList();
	}

}
