package org.ketacare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.clinic.ClinicSettings;
import org.ketacare.clinic.SettingChange;
import org.ketacare.clinic.StaffDirectory;
import org.ketacare.clinic.StaffMember;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A user of one clinic reads and changes nothing of another, through pages, the API and
 * the schema itself.
 */
@KetaCareIntegrationTest
class TenantIsolationIT {

	private static final String SLOT_MINUTES = "schedule.slot-minutes";

	/** Tables that hold no clinic's data: the tenant root and the frameworks' own. */
	private static final List<String> NOT_TENANT_TABLES = List.of("clinics", "spring_session",
			"spring_session_attributes", "event_publication", "flyway_schema_history");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	StaffDirectory directory;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theStaffListOfNorthNamesNobodyOfMain() throws Exception {
		StaffPrincipal adminNorth = this.staff.demo("admin.north");
		this.staff.create("main", Role.NURSE);
		MvcResult result = this.mvc.perform(get("/admin/staff").with(TestStaff.as(adminNorth)))
			.andExpect(status().isOk())
			.andReturn();
		String page = result.getResponse().getContentAsString();
		assertThat(page).contains("admin.north");
		assertThat(usernamesOf("main")).isNotEmpty()
			.allSatisfy((username) -> assertThat(page).doesNotContain(username));
		@SuppressWarnings("unchecked")
		List<StaffMember> listed = (List<StaffMember>) result.getModelAndView().getModel().get("staff");
		assertThat(listed).isNotEmpty()
			.allSatisfy((member) -> assertThat(member.clinicId()).isEqualTo(adminNorth.clinicId()));
	}

	@Test
	void aStaffMemberOfMainIsNotFoundByNorthsAdministrator() throws Exception {
		StaffPrincipal mainNurse = this.staff.create("main", Role.NURSE);
		String page = this.mvc
			.perform(get("/admin/staff/{id}", mainNurse.staffId()).with(TestStaff.as(this.staff.demo("admin.north"))))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).doesNotContain(mainNurse.username()).doesNotContain(mainNurse.displayName());
	}

	@Test
	void northsAdministratorCannotDeactivateAStaffMemberOfMain() throws Exception {
		StaffPrincipal mainNurse = this.staff.create("main", Role.NURSE);
		int version = this.directory.get(mainNurse.clinicId(), mainNurse.staffId()).version();
		String page = this.mvc
			.perform(post("/admin/staff/{id}/deactivate", mainNurse.staffId()).param("version", String.valueOf(version))
				.with(TestStaff.as(this.staff.demo("admin.north")))
				.with(csrf()))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).doesNotContain(mainNurse.username());
		Map<String, Object> row = this.jdbc
			.sql("SELECT active, version FROM staff_users WHERE clinic_id = ? AND id = ?")
			.params(mainNurse.clinicId(), mainNurse.staffId())
			.query()
			.singleRow();
		assertThat(row).containsEntry("active", true).containsEntry("version", version);
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'STAFF_DEACTIVATED' AND target_id = ?")
					.param(mainNurse.staffId().toString())
					.query(Long.class)
					.single())
			.isZero();
	}

	@Test
	void aSettingChangedInMainIsNotSeenInNorth() throws Exception {
		StaffPrincipal adminMain = this.staff.demo("admin.main");
		StaffPrincipal adminNorth = this.staff.demo("admin.north");
		String northBefore = settingValue(adminNorth);
		String mainValue = northBefore.equals("45") ? "50" : "45";
		String reason = "tenant isolation canary " + UUID.randomUUID();
		this.mvc
			.perform(post("/settings/{key}", SLOT_MINUTES).param("value", mainValue)
				.param("reason", reason)
				.with(TestStaff.as(adminMain))
				.with(csrf()))
			.andExpect(redirectedUrl("/settings/" + SLOT_MINUTES));
		assertThat(settingValue(adminMain)).isEqualTo(mainValue);

		assertThat(settingValue(adminNorth)).isEqualTo(northBefore);
		assertThat(settingValue(this.staff.demo("nurse.north"))).isEqualTo(northBefore);
		this.mvc.perform(get("/api/v1/settings").with(TestStaff.as(adminNorth)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.key == '" + SLOT_MINUTES + "')].value").value(northBefore));

		MvcResult overview = this.mvc.perform(get("/settings").with(TestStaff.as(adminNorth)))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(overview.getResponse().getContentAsString()).doesNotContain(reason);
		@SuppressWarnings("unchecked")
		Map<String, List<ClinicSettings.SettingState>> groups = (Map<String, List<ClinicSettings.SettingState>>) overview
			.getModelAndView()
			.getModel()
			.get("groups");
		ClinicSettings.SettingState slotMinutes = groups.values()
			.stream()
			.flatMap(List::stream)
			.filter((state) -> state.definition().key().equals(SLOT_MINUTES))
			.findFirst()
			.orElseThrow();
		assertThat(slotMinutes.value()).isEqualTo(northBefore);
		assertThat(slotMinutes.lastChange().stream())
			.allSatisfy((change) -> assertThat(change.clinicId()).isEqualTo(adminNorth.clinicId()));

		MvcResult detail = this.mvc.perform(get("/settings/{key}", SLOT_MINUTES).with(TestStaff.as(adminNorth)))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(detail.getResponse().getContentAsString()).doesNotContain(reason)
			.doesNotContain(adminMain.displayName());
		@SuppressWarnings("unchecked")
		List<SettingChange> history = (List<SettingChange>) detail.getModelAndView().getModel().get("history");
		assertThat(history).allSatisfy((change) -> assertThat(change.clinicId()).isEqualTo(adminNorth.clinicId()));
	}

	@Test
	void aPhysicianOfNorthCanNeitherSeeNorSignAChangeProposedInMain() throws Exception {
		String key = "recovery.minimum-observation-minutes";
		String reason = "tenant isolation canary " + UUID.randomUUID();
		StaffPrincipal adminMain = this.staff.demo("admin.main");
		StaffPrincipal physicianNorth = this.staff.demo("physician.north");
		this.mvc
			.perform(post("/settings/{key}", key).param("value", "90")
				.param("reason", reason)
				.with(TestStaff.as(adminMain))
				.with(csrf()))
			.andExpect(redirectedUrl("/settings/" + key));
		UUID changeId = this.jdbc.sql("SELECT id FROM clinic_setting_changes WHERE clinic_id = ? AND reason = ?")
			.params(adminMain.clinicId(), reason)
			.query(UUID.class)
			.single();
		try {
			assertThat(this.mvc.perform(get("/settings/pending").with(TestStaff.as(physicianNorth)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString()).doesNotContain(reason).doesNotContain(changeId.toString());
			this.mvc
				.perform(post("/settings/changes/{id}/approve", changeId).param("password", TestStaff.DEMO_PASSWORD)
					.with(TestStaff.as(physicianNorth))
					.with(csrf()))
				.andExpect(status().isNotFound());
			assertThat(this.jdbc.sql("SELECT status FROM clinic_setting_changes WHERE clinic_id = ? AND id = ?")
				.params(adminMain.clinicId(), changeId)
				.query(String.class)
				.single()).isEqualTo("PENDING");
		}
		finally {
			// A pending change blocks further changes of the setting in main, which other
			// tests may make.
			this.mvc
				.perform(post("/settings/changes/{id}/reject", changeId).param("password", TestStaff.DEMO_PASSWORD)
					.with(TestStaff.as(this.staff.demo("physician.main")))
					.with(csrf()))
				.andExpect(redirectedUrl("/settings/pending"));
		}
	}

	@Test
	void northsAuditTrailHoldsNoEventOfMain() throws Exception {
		StaffPrincipal adminNorth = this.staff.demo("admin.north");
		String mainToken = tokenFor("admin.main");
		String northToken = tokenFor("admin.north");
		assertThat(auditActors(mainToken)).anySatisfy((actor) -> assertThat(actor).isEqualTo("admin.main"));

		List<String> seenByNorth = auditActors(northToken);
		assertThat(seenByNorth).contains("admin.north").noneSatisfy((actor) -> assertThat(actor).endsWith(".main"));
		assertThat(auditClinics(northToken)).containsOnly(adminNorth.clinicId().toString());
	}

	@Test
	void aTokenOfNorthNamesClinicNorth() throws Exception {
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor("nurse.north")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("nurse.north"))
			.andExpect(jsonPath("$.clinic.slug").value("north"))
			.andExpect(jsonPath("$.clinic.name").value("Mental Health Center — North"))
			.andExpect(jsonPath("$.clinic.timeZone").value("America/Denver"));
	}

	@Test
	void everyTenantTableHasTheClinicInItsPrimaryKey() {
		List<String> tenantTables = tenantTables();
		assertThat(tenantTables).contains("staff_users", "staff_roles", "api_tokens", "clinic_setting_changes",
				"audit_events");
		List<String> keyedByClinic = this.jdbc.sql("""
				SELECT tc.table_name
				  FROM information_schema.table_constraints tc
				  JOIN information_schema.key_column_usage k
				    ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
				   AND k.table_name = tc.table_name
				 WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' AND k.column_name = 'clinic_id'
				""").query(String.class).list();
		List<String> missing = new ArrayList<>(tenantTables);
		missing.removeAll(keyedByClinic);
		assertThat(missing).as("tables without clinic_id in their primary key").isEmpty();
	}

	@Test
	void everyForeignKeyBetweenTenantTablesCarriesTheClinic() {
		List<String> tenantTables = tenantTables();
		List<String> withoutClinic = this.jdbc.sql("""
				SELECT tc.table_name || '.' || tc.constraint_name
				  FROM information_schema.table_constraints tc
				 WHERE tc.table_schema = 'public' AND tc.constraint_type = 'FOREIGN KEY'
				   AND NOT EXISTS (SELECT 1 FROM information_schema.key_column_usage k
				                    WHERE k.constraint_schema = tc.constraint_schema
				                      AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
				                      AND k.column_name = 'clinic_id')
				""")
			.query(String.class)
			.list()
			.stream()
			.filter((constraint) -> tenantTables.contains(constraint.substring(0, constraint.indexOf('.'))))
			.toList();
		assertThat(withoutClinic).as("foreign keys without clinic_id").isEmpty();
	}

	private List<String> tenantTables() {
		return this.jdbc.sql("""
				SELECT table_name FROM information_schema.tables
				 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
				 ORDER BY table_name
				""").query(String.class).list().stream().filter((table) -> !NOT_TENANT_TABLES.contains(table)).toList();
	}

	private List<String> usernamesOf(String clinicSlug) {
		return this.jdbc.sql("""
				SELECT s.username FROM staff_users s JOIN clinics c ON c.id = s.clinic_id WHERE c.slug = ?
				""").param(clinicSlug).query(String.class).list();
	}

	private String settingValue(StaffPrincipal as) throws Exception {
		String body = this.mvc.perform(get("/api/v1/settings/{key}", SLOT_MINUTES).with(TestStaff.as(as)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.value");
	}

	private String tokenFor(String demoUsername) throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\": \"" + demoUsername + "\", \"password\": \"" + TestStaff.DEMO_PASSWORD + "\"}"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.access_token");
	}

	/**
	 * The actors of every audit event the token's holder can page through, with unknown
	 * actors left out.
	 */
	private List<String> auditActors(String token) throws Exception {
		return auditField(token, "$.events[*].actorUsername");
	}

	private List<String> auditClinics(String token) throws Exception {
		return auditField(token, "$.events[*].clinicId");
	}

	private List<String> auditField(String token, String path) throws Exception {
		List<String> values = new ArrayList<>();
		boolean hasNext = true;
		for (int page = 0; hasNext; page++) {
			String body = this.mvc
				.perform(get("/api/v1/audit/events").param("size", "500")
					.param("page", String.valueOf(page))
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			values.addAll(JsonPath.read(body, path));
			hasNext = JsonPath.read(body, "$.hasNext");
		}
		return values;
	}

}
