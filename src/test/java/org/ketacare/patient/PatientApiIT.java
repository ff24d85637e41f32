package org.ketacare.patient;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The patient API that other systems rely on: register, read, search; bad input is
 * refused field by field and stores nothing; audit rows for every read and change;
 * another clinic sees nothing.
 */
@KetaCareIntegrationTest
class PatientApiIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void intakeRegistersAPatientAndGetsIdAndMrn() throws Exception {
		String family = unique("Okafor");
		String body = this.mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(intake()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(patientJson("Ada", family, "1984-03-21", "female", "72.5", "168")))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", matchesPattern("/api/v1/patients/[0-9a-f-]{36}")))
			.andExpect(jsonPath("$.id").isString())
			.andExpect(jsonPath("$.mrn").value(matchesPattern("K\\d{6}")))
			.andExpect(jsonPath("$.patient.status").value("inquiry"))
			.andExpect(jsonPath("$.patient.bmi").value(25.7))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonPath.read(body, "$.id");

		this.mvc.perform(get("/api/v1/patients/{id}", id).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.familyName").value(family))
			.andExpect(jsonPath("$.birthDate").value("1984-03-21"))
			.andExpect(jsonPath("$.sexAtBirth").value("female"))
			.andExpect(jsonPath("$.weightKg").value(72.5))
			.andExpect(jsonPath("$.heightCm").value(168));
		assertThat(auditActions(UUID.fromString(id))).contains("PATIENT_CREATED", "PATIENT_VIEWED");
	}

	@Test
	void mrnsAreNumberedPerClinicWithoutRepeats() throws Exception {
		String first = JsonPath.read(register(intake(), "Ben", unique("Mrn"), "1990-01-01"), "$.mrn");
		String second = JsonPath.read(register(intake(), "Ben", unique("Mrn"), "1990-01-01"), "$.mrn");
		assertThat(Integer.parseInt(second.substring(1))).isGreaterThan(Integer.parseInt(first.substring(1)));
	}

	@Test
	void invalidInputNamesEachFieldAndRuleAndStoresNothing() throws Exception {
		String family = unique("Invalid");
		this.mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(intake()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(patientJson("Cy", family, "2999-01-01", "alien", "900", "170")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("birthDate", "sexAtBirth", "weightKg")))
			.andExpect(jsonPath("$.errors[?(@.field == 'birthDate')].message").value("must not be in the future"))
			.andExpect(jsonPath("$.errors[?(@.field == 'sexAtBirth')].message")
				.value("must be one of female, male, other"))
			.andExpect(jsonPath("$.errors[?(@.field == 'weightKg')].message").value("must be between 20 and 300 kg"));
		this.mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(intake()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(patientJson("Cy", family, "1980-01-01", "male", "0", "170")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("weightKg")));
		this.mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(intake()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"escort\": {\"phone\": \"call me\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("givenName")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("familyName")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("birthDate")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("sexAtBirth")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("weightKg")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("heightCm")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("escort.phone")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("escort.name")));
		assertThat(this.jdbc.sql("SELECT count(*) FROM patients WHERE family_name = ?")
			.param(family)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void searchFindsByNamePrefixIgnoringAccentsAndCaseAndByMrnAndBirthDate() throws Exception {
		String marker = unique("Zq");
		String body = register(intake(), "José", "Müller-" + marker, "1971-06-15");
		String id = JsonPath.read(body, "$.id");
		String mrn = JsonPath.read(body, "$.mrn");
		StaffPrincipal therapist = this.staff.demo("therapist.main");
		for (String query : List.of("jose " + marker.toLowerCase(), "JOS " + marker, "mull " + marker,
				marker.substring(0, 4) + " 1971-06", "1971-06-15 " + marker, "06/15/1971 " + marker, mrn)) {
			this.mvc.perform(get("/api/v1/patients").param("q", query).with(TestStaff.as(therapist)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.patients[*].id", hasItem(id)));
		}
		this.mvc.perform(get("/api/v1/patients").param("q", "ose " + marker).with(TestStaff.as(therapist)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.patients").isEmpty());
		this.mvc.perform(get("/api/v1/patients").param("q", marker + " 1972").with(TestStaff.as(therapist)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.patients").isEmpty());
	}

	@Test
	void searchPagesAndFiltersByStatus() throws Exception {
		String family = unique("Pager");
		for (int i = 0; i < 3; i++) {
			register(intake(), "P" + i, family, "1980-01-0" + (i + 1));
		}
		this.mvc.perform(get("/api/v1/patients").param("q", family).param("size", "2").with(TestStaff.as(intake())))
			.andExpect(jsonPath("$.patients.length()").value(2))
			.andExpect(jsonPath("$.hasNext").value(true));
		this.mvc
			.perform(get("/api/v1/patients").param("q", family)
				.param("size", "2")
				.param("page", "1")
				.with(TestStaff.as(intake())))
			.andExpect(jsonPath("$.patients.length()").value(1))
			.andExpect(jsonPath("$.hasNext").value(false));
		this.mvc
			.perform(
					get("/api/v1/patients").param("q", family).param("status", "eligible").with(TestStaff.as(intake())))
			.andExpect(jsonPath("$.patients").isEmpty());
		this.mvc.perform(get("/api/v1/patients").param("status", "asleep").with(TestStaff.as(intake())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
	}

	@Test
	void aSecondRegistrationOfTheSameNameAndBirthDateNamesTheFirst() throws Exception {
		String family = unique("Twin");
		String first = JsonPath.read(register(intake(), "Eve", family, "1988-08-08"), "$.id");
		this.mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(intake()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(patientJson("EVE", family.toLowerCase(), "1988-08-08", "female", "60", "160")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.possibleDuplicates[0].id").value(first))
			.andExpect(jsonPath("$.patient.possibleDuplicateOf").value(first));
	}

	@Test
	void northSeesNothingOfMain() throws Exception {
		String family = unique("Hidden");
		String id = JsonPath.read(register(intake(), "Hal", family, "1975-05-05"), "$.id");
		StaffPrincipal northNurse = this.staff.demo("nurse.north");
		this.mvc.perform(get("/api/v1/patients/{id}", id).with(TestStaff.as(northNurse)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/patients").param("q", family).with(TestStaff.as(northNurse)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.patients").isEmpty());
	}

	@Test
	void inAClinicOfFiftyThousandPatientsTheNameSearchUsesTheTrigramIndex() {
		StaffPrincipal intake = intake();
		List<String> plan = new org.springframework.transaction.support.TransactionTemplate(this.transactions)
			.execute((status) -> {
				// A clinic of 50,000 patients, rolled back afterwards; below some 20,000
				// the planner rightly prefers reading the table.
				status.setRollbackOnly();
				this.jdbc.sql("""
						INSERT INTO patients (clinic_id, id, mrn, given_name, family_name, birth_date, sex_at_birth,
						    status, created_by, created_at, updated_at)
						SELECT ?, gen_random_uuid(), 'B' || n, 'Given' || n, md5(n::text), DATE '1950-01-01' + n,
						       'FEMALE', 'INQUIRY', ?, now(), now()
						  FROM generate_series(1, 50000) AS n
						""").params(intake.clinicId(), intake.staffId()).update();
				this.jdbc.sql("ANALYZE patients").update();
				return this.jdbc.sql("""
						EXPLAIN SELECT id FROM patients p
						 WHERE p.clinic_id = ? AND p.search_text LIKE '% ' || patient_search_fold(?) || '%'
						""").params(intake.clinicId(), "Müll").query(String.class).list();
			});
		assertThat(String.join("\n", plan)).as(String.join("\n", plan)).contains("patients_search_idx");
	}

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactions;

	private StaffPrincipal intake() {
		return this.staff.demo("intake.main");
	}

	private String register(StaffPrincipal as, String given, String family, String birthDate) throws Exception {
		return this.mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(as))
				.contentType(MediaType.APPLICATION_JSON)
				.content(patientJson(given, family, birthDate, "female", "70", "170")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	static String patientJson(String given, String family, String birthDate, String sex, String weight, String height) {
		return """
				{"givenName": "%s", "familyName": "%s", "birthDate": "%s", "sexAtBirth": "%s",
				 "weightKg": %s, "heightCm": %s, "phone": "+1 555 010 0199",
				 "escort": {"name": "Sam Driver", "phone": "+1 555 010 0100", "relationship": "partner"}}
				""".formatted(given, family, birthDate, sex, weight, height);
	}

	static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x");
	}

	private List<String> auditActions(UUID patientId) {
		return this.jdbc.sql("SELECT action FROM audit_events WHERE patient_id = ? ORDER BY seq")
			.param(patientId)
			.query(String.class)
			.list();
	}

}
