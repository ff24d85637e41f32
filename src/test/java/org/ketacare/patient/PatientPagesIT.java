package org.ketacare.patient;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The patient pages: the intake form with errors beside the fields and the duplicate
 * check, edits that refuse stale pages, measurements, and another clinic's 404.
 */
@KetaCareIntegrationTest
class PatientPagesIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PatientRegistry registry;

	@Test
	void theIntakeFormShowsEachErrorBesideItsFieldAndSavesNothing() throws Exception {
		String family = PatientApiIT.unique("Form");
		this.mvc
			.perform(intakeForm("Ann", family, "2999-01-01", "", "0", "abc").with(TestStaff.as(intake())).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"birthDate-error\"")))
			.andExpect(content().string(containsString("Date of birth must not be in the future")))
			.andExpect(content().string(containsString("Sex at birth is required")))
			.andExpect(content().string(containsString("Weight (kg) must be between 20 and 300 kg")))
			.andExpect(content().string(containsString("Height (cm) must be a number such as 72.5")))
			.andExpect(content().string(containsString("value=\"" + family + "\"")));
		assertThat(this.jdbc.sql("SELECT count(*) FROM patients WHERE family_name = ?")
			.param(family)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theDuplicateCheckOffersTheExistingRecordOrToContinue() throws Exception {
		String family = PatientApiIT.unique("Dup");
		this.mvc
			.perform(intakeForm("Ida", family, "1979-09-09", "female", "61", "162").with(TestStaff.as(intake()))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/patients/*"))
			.andExpect(flash().attributeExists("message"));
		UUID existing = idOf(family);

		this.mvc
			.perform(intakeForm("IDA", family.toUpperCase(), "1979-09-09", "female", "61", "162")
				.with(TestStaff.as(intake()))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This may be a patient we already have")))
			.andExpect(content().string(containsString("/patients/" + existing)))
			.andExpect(content().string(containsString("Continue: register as a new patient")));
		assertThat(countOf(family)).isEqualTo(1);

		this.mvc
			.perform(intakeForm("IDA", family.toUpperCase(), "1979-09-09", "female", "61", "162")
				.param("continueDespiteDuplicates", "true")
				.with(TestStaff.as(intake()))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/patients/*"));
		assertThat(countOf(family)).isEqualTo(2);
	}

	@Test
	void anEditOnAStalePageIsRefusedNotOverwritten() throws Exception {
		Patient patient = register("Stale");
		this.mvc.perform(edit(patient, "+1 555 010 0001", patient.version()).with(TestStaff.as(intake())).with(csrf()))
			.andExpect(redirectedUrlPattern("/patients/*"));
		this.mvc.perform(edit(patient, "+1 555 010 0002", patient.version()).with(TestStaff.as(intake())).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else changed")));
		assertThat(this.registry.get(patient.clinicId(), patient.id()).phone()).isEqualTo("+1 555 010 0001");
	}

	@Test
	void aNurseAddsAMeasurementAndThePageShowsTheHistoryWithBmi() throws Exception {
		Patient patient = register("Weighed");
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		this.mvc
			.perform(post("/patients/{id}/measurements", patient.id()).param("weightKg", "80")
				.param("heightCm", "180")
				.with(TestStaff.as(nurse))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/patients/*"));
		this.mvc
			.perform(post("/patients/{id}/measurements", patient.id()).param("weightKg", "900")
				.param("heightCm", "180")
				.param("measuredOn", "2999-01-01")
				.with(TestStaff.as(nurse))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Weight (kg) must be between 20 and 300 kg")))
			.andExpect(content().string(containsString("Measured on must not be in the future")));
		this.mvc.perform(get("/patients/{id}", patient.id()).with(TestStaff.as(nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("24.7")))
			.andExpect(content().string(containsString("Screening and eligibility")));
		assertThat(this.registry.get(patient.clinicId(), patient.id()).latestMeasurement().orElseThrow().weightKg())
			.isEqualByComparingTo("80");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "intake.main | Courses, Outcomes", "nurse.main | Infusion sessions, Outcomes",
					"physician.main | Infusion sessions, Outcomes, Therapy sessions",
					"therapist.main | Outcomes, Therapy sessions", "admin.main | " })
	void thePatientPageLinksToTheRecordsTheRoleMayOpen(String username, String links) throws Exception {
		Patient patient = register("Linksby");
		String page = this.mvc
			.perform(get("/patients/{id}", patient.id()).with(TestStaff.as(this.staff.demo(username))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher nav = Pattern.compile("id=\"record-links\"[^>]*>(.*?)</nav>", Pattern.DOTALL).matcher(page);
		List<String> shown = nav.find()
				? Pattern.compile(">([^<]+)</a>").matcher(nav.group(1)).results().map((m) -> m.group(1)).toList()
				: List.of();
		assertThat(shown).isEqualTo((links != null) ? List.of(links.split(", ")) : List.of());
	}

	@Test
	void anotherClinicsPatientIsNotFoundAndNotListed() throws Exception {
		Patient patient = register("Elsewhere");
		StaffPrincipal northIntake = this.staff.demo("intake.north");
		this.mvc.perform(get("/patients/{id}", patient.id()).with(TestStaff.as(northIntake)))
			.andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString(patient.familyName()))));
		this.mvc.perform(get("/patients").param("q", patient.familyName()).with(TestStaff.as(northIntake)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No patient matches")));
		this.mvc
			.perform(edit(patient, "+1 555 010 0003", patient.version()).with(TestStaff.as(northIntake)).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/patients/{id}/screenings/new", patient.id()).with(TestStaff.as(northIntake)))
			.andExpect(status().isNotFound());
	}

	@Test
	void theListSearchesAndPages() throws Exception {
		Patient patient = register("Listed");
		this.mvc
			.perform(get("/patients").param("q", patient.familyName().toLowerCase())
				.with(TestStaff.as(this.staff.demo("therapist.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(patient.mrn())));
		this.mvc.perform(get("/patients").param("status", "asleep").with(TestStaff.as(intake())))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Status must be one of")));
	}

	private Patient register(String prefix) {
		return this.registry
			.register(intake(),
					new PatientDetails("Pat", PatientApiIT.unique(prefix), "1985-05-05", "male", false, null, null,
							null, null, null, null, null, null, null, null),
					new java.math.BigDecimal("75"), new java.math.BigDecimal("178"), true)
			.patient()
			.orElseThrow();
	}

	private MockHttpServletRequestBuilder edit(Patient patient, String phone, int version) {
		return post("/patients/{id}", patient.id()).param("givenName", patient.givenName())
			.param("familyName", patient.familyName())
			.param("birthDate", patient.birthDate().toString())
			.param("sexAtBirth", patient.sexAtBirth().code())
			.param("phone", phone)
			.param("version", String.valueOf(version));
	}

	private static MockHttpServletRequestBuilder intakeForm(String given, String family, String birthDate, String sex,
			String weight, String height) {
		return post("/patients").param("givenName", given)
			.param("familyName", family)
			.param("birthDate", birthDate)
			.param("sexAtBirth", sex)
			.param("weightKg", weight)
			.param("heightCm", height)
			.param("escort.name", "Sam")
			.param("medications[0].name", "sertraline")
			.param("medications[0].dose", "100 mg daily");
	}

	private StaffPrincipal intake() {
		return this.staff.demo("intake.main");
	}

	private UUID idOf(String family) {
		return this.jdbc.sql("SELECT id FROM patients WHERE family_name = ?").param(family).query(UUID.class).single();
	}

	private long countOf(String family) {
		return this.jdbc.sql("SELECT count(*) FROM patients WHERE lower(family_name) = lower(?)")
			.param(family)
			.query(Long.class)
			.single();
	}

}
