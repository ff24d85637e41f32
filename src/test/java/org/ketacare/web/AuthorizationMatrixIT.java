package org.ketacare.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every page and endpoint against every role: the roles that may not reach it get 403,
 * the others never do, and nobody who is not signed in gets anything.
 */
@KetaCareIntegrationTest
class AuthorizationMatrixIT {

	private static final Set<Role> ADMIN = EnumSet.of(Role.CLINIC_ADMIN);

	private static final Set<Role> ADMIN_OR_PHYSICIAN = EnumSet.of(Role.CLINIC_ADMIN, Role.PHYSICIAN);

	private static final Set<Role> PHYSICIAN = EnumSet.of(Role.PHYSICIAN);

	private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

	/** Who records and reads questionnaire answers: everyone but the administrator. */
	private static final Set<Role> OUTCOME_STAFF = EnumSet.of(Role.INTAKE, Role.NURSE, Role.PHYSICIAN, Role.THERAPIST);

	private static final Set<Role> INTAKE = EnumSet.of(Role.INTAKE);

	private static final Set<Role> SCHEDULE_READERS = EnumSet.of(Role.INTAKE, Role.NURSE, Role.PHYSICIAN);

	private static final Set<Role> SCHEDULE_PAGES = EnumSet.of(Role.INTAKE, Role.NURSE, Role.PHYSICIAN,
			Role.CLINIC_ADMIN);

	private static final Set<Role> INTAKE_OR_NURSE = EnumSet.of(Role.INTAKE, Role.NURSE);

	private static final Set<Role> INTAKE_OR_PHYSICIAN = EnumSet.of(Role.INTAKE, Role.PHYSICIAN);

	/**
	 * Every role reads patients: intake, clinical staff, and administrators for records
	 * requests.
	 */
	private static final Set<Role> PATIENT_READERS = EnumSet.allOf(Role.class);

	private static final Set<Role> INTAKE_OR_ADMIN = EnumSet.of(Role.INTAKE, Role.CLINIC_ADMIN);

	private static final Set<Role> CLINICIANS = EnumSet.of(Role.NURSE, Role.PHYSICIAN);

	private static final Set<Role> LEDGER_READERS = EnumSet.of(Role.NURSE, Role.PHYSICIAN, Role.CLINIC_ADMIN);

	private static final Set<Role> THERAPIST = EnumSet.of(Role.THERAPIST);

	/**
	 * Psychotherapy notes stay with therapists; physicians see that sessions took place.
	 */
	private static final Set<Role> THERAPY_READERS = EnumSet.of(Role.THERAPIST, Role.PHYSICIAN);

	private static final String RANGE = "?from=2026-01-01&to=2026-01-31";

	private static final String ANY_ID = UUID.randomUUID().toString();

	private static final List<Endpoint> ENDPOINTS = List.of(new Endpoint(HttpMethod.GET, "/", EVERYONE),
			new Endpoint(HttpMethod.GET, "/account/password", EVERYONE),
			new Endpoint(HttpMethod.POST, "/account/password", EVERYONE),
			new Endpoint(HttpMethod.GET, "/admin/staff", ADMIN),
			new Endpoint(HttpMethod.GET, "/admin/staff/new", ADMIN),
			new Endpoint(HttpMethod.GET, "/admin/staff/" + ANY_ID, ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/roles?version=0", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/deactivate?version=0", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/reactivate?version=0", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/password?version=0", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/two-step/reset?version=0", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/staff/" + ANY_ID + "/two-step/required?version=0", ADMIN),
			new Endpoint(HttpMethod.GET, "/account/two-step", EVERYONE),
			new Endpoint(HttpMethod.POST, "/account/two-step/recovery-codes", EVERYONE),
			new Endpoint(HttpMethod.GET, "/login/code", EVERYONE),
			new Endpoint(HttpMethod.GET, "/settings", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/settings/pending", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/settings/infusion.duration-minutes", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/settings/infusion.duration-minutes", ADMIN),
			new Endpoint(HttpMethod.POST, "/settings/changes/" + ANY_ID + "/approve", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/settings/changes/" + ANY_ID + "/reject", PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/audit", ADMIN), new Endpoint(HttpMethod.POST, "/audit/verify", ADMIN),
			new Endpoint(HttpMethod.GET, "/api/v1/me", EVERYONE),
			new Endpoint(HttpMethod.GET, "/api/v1/settings", EVERYONE),
			new Endpoint(HttpMethod.GET, "/api/v1/settings/infusion.duration-minutes", EVERYONE),
			new Endpoint(HttpMethod.GET, "/api/v1/audit/verify", ADMIN),
			new Endpoint(HttpMethod.GET, "/api/v1/audit/events", ADMIN),
			new Endpoint(HttpMethod.GET, "/patients", PATIENT_READERS),
			new Endpoint(HttpMethod.GET, "/patients/new", INTAKE), new Endpoint(HttpMethod.POST, "/patients", INTAKE),
			new Endpoint(HttpMethod.GET, "/patients/" + ANY_ID, PATIENT_READERS),
			new Endpoint(HttpMethod.GET, "/patients/" + ANY_ID + "/edit", INTAKE),
			new Endpoint(HttpMethod.POST, "/patients/" + ANY_ID, INTAKE),
			new Endpoint(HttpMethod.POST, "/patients/" + ANY_ID + "/measurements", INTAKE_OR_NURSE),
			new Endpoint(HttpMethod.GET, "/screening", INTAKE_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/patients/" + ANY_ID + "/screenings/new", INTAKE),
			new Endpoint(HttpMethod.POST, "/patients/" + ANY_ID + "/screenings", INTAKE),
			new Endpoint(HttpMethod.GET, "/screenings/" + ANY_ID, PATIENT_READERS),
			new Endpoint(HttpMethod.GET, "/screenings/" + ANY_ID + "/review", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/screenings/" + ANY_ID + "/review", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/api/v1/patients", INTAKE),
			new Endpoint(HttpMethod.GET, "/api/v1/patients", PATIENT_READERS),
			new Endpoint(HttpMethod.GET, "/api/v1/patients/" + ANY_ID, PATIENT_READERS),
			new Endpoint(HttpMethod.POST, "/api/v1/patients/" + ANY_ID + "/screenings", INTAKE),
			new Endpoint(HttpMethod.GET, "/api/v1/patients/" + ANY_ID + "/screenings", PATIENT_READERS),
			new Endpoint(HttpMethod.GET, "/api/v1/screenings/" + ANY_ID, PATIENT_READERS),
			new Endpoint(HttpMethod.POST, "/api/v1/screenings/" + ANY_ID + "/review", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/api/v1/patients/" + ANY_ID + "/courses", INTAKE),
			new Endpoint(HttpMethod.GET, "/api/v1/courses/" + ANY_ID, SCHEDULE_READERS),
			new Endpoint(HttpMethod.GET, "/api/v1/schedule?date=2026-03-02", SCHEDULE_READERS),
			new Endpoint(HttpMethod.POST, "/api/v1/appointments/" + ANY_ID + "/cancel", INTAKE),
			new Endpoint(HttpMethod.POST, "/api/v1/appointments/" + ANY_ID + "/move", INTAKE),
			new Endpoint(HttpMethod.GET, "/schedule", SCHEDULE_PAGES),
			new Endpoint(HttpMethod.GET, "/schedule/week", SCHEDULE_PAGES),
			new Endpoint(HttpMethod.GET, "/schedule/outbox", INTAKE_OR_ADMIN),
			new Endpoint(HttpMethod.GET, "/courses/plan", INTAKE), new Endpoint(HttpMethod.POST, "/courses", INTAKE),
			new Endpoint(HttpMethod.GET, "/courses/" + ANY_ID, SCHEDULE_READERS),
			new Endpoint(HttpMethod.POST, "/appointments/" + ANY_ID + "/cancel?course=" + ANY_ID, INTAKE),
			new Endpoint(HttpMethod.POST, "/appointments/" + ANY_ID + "/move?course=" + ANY_ID, INTAKE),
			new Endpoint(HttpMethod.POST, "/appointments/" + ANY_ID + "/no-show?course=" + ANY_ID, INTAKE_OR_NURSE),
			new Endpoint(HttpMethod.POST, "/appointments/" + ANY_ID + "/attended?course=" + ANY_ID, INTAKE_OR_NURSE),
			new Endpoint(HttpMethod.POST, "/courses/" + ANY_ID + "/sessions", INTAKE),
			new Endpoint(HttpMethod.POST, "/courses/" + ANY_ID + "/discontinue", INTAKE_OR_PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/courses/" + ANY_ID + "/complete", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/courses/" + ANY_ID + "/boosters", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/courses/" + ANY_ID + "/boosters/" + ANY_ID + "/decide", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/courses/" + ANY_ID + "/boosters/" + ANY_ID + "/book", INTAKE),
			new Endpoint(HttpMethod.GET, "/relapses/" + ANY_ID, PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/relapses/" + ANY_ID + "/acknowledge", PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/admin/protocols", ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/protocols", ADMIN),
			new Endpoint(HttpMethod.GET, "/admin/rooms", ADMIN), new Endpoint(HttpMethod.POST, "/admin/rooms", ADMIN),
			new Endpoint(HttpMethod.GET, "/admin/rooms/" + ANY_ID, ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/rooms/" + ANY_ID + "?version=0", ADMIN),
			new Endpoint(HttpMethod.GET, "/admin/working-hours", ADMIN),
			new Endpoint(HttpMethod.GET, "/admin/working-hours/" + ANY_ID, ADMIN),
			new Endpoint(HttpMethod.POST, "/admin/working-hours/" + ANY_ID, ADMIN),
			new Endpoint(HttpMethod.GET, "/ledger", LEDGER_READERS),
			new Endpoint(HttpMethod.GET, "/ledger/vials/" + ANY_ID, LEDGER_READERS),
			new Endpoint(HttpMethod.POST, "/ledger/vials/" + ANY_ID + "/quarantine", ADMIN),
			new Endpoint(HttpMethod.POST, "/ledger/vials/" + ANY_ID + "/release", ADMIN),
			new Endpoint(HttpMethod.POST, "/ledger/vials/" + ANY_ID + "/transfer", ADMIN),
			new Endpoint(HttpMethod.POST, "/ledger/vials/" + ANY_ID + "/destroy", ADMIN),
			new Endpoint(HttpMethod.POST, "/ledger/vials/" + ANY_ID + "/return", ADMIN),
			new Endpoint(HttpMethod.POST, "/ledger/vials/" + ANY_ID + "/waste", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/ledger/receipts/new", ADMIN),
			new Endpoint(HttpMethod.POST, "/ledger/receipts", ADMIN),
			new Endpoint(HttpMethod.GET, "/ledger/locations", ADMIN),
			new Endpoint(HttpMethod.POST, "/ledger/locations", ADMIN),
			new Endpoint(HttpMethod.GET, "/ledger/draws/new", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/ledger/draws", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/ledger/draws/" + ANY_ID, LEDGER_READERS),
			new Endpoint(HttpMethod.POST, "/ledger/draws/" + ANY_ID + "/waste", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/ledger/counts", LEDGER_READERS),
			new Endpoint(HttpMethod.GET, "/ledger/counts/new", LEDGER_READERS),
			new Endpoint(HttpMethod.POST, "/ledger/counts", LEDGER_READERS),
			new Endpoint(HttpMethod.GET, "/ledger/inventories/new", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/ledger/inventories", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/ledger/discrepancies", LEDGER_READERS),
			new Endpoint(HttpMethod.POST, "/ledger/discrepancies/" + ANY_ID + "/resolve", ADMIN),
			new Endpoint(HttpMethod.POST, "/ledger/discrepancies/" + ANY_ID + "/dea", ADMIN),
			new Endpoint(HttpMethod.GET, "/ledger/reports", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/ledger/reports/administration" + RANGE, ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/ledger/reports/waste/csv" + RANGE, ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/ledger/reports/receipts/pdf" + RANGE, ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/api/v1/ledger/receipts", ADMIN),
			new Endpoint(HttpMethod.POST, "/api/v1/ledger/draws", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/ledger/waste", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/api/v1/ledger/draws/" + ANY_ID, LEDGER_READERS),
			new Endpoint(HttpMethod.GET, "/api/v1/ledger/vials/" + ANY_ID, LEDGER_READERS),
			new Endpoint(HttpMethod.GET, "/api/v1/ledger/entries/" + ANY_ID, LEDGER_READERS),
			new Endpoint(HttpMethod.GET, "/api/v1/ledger/balance", LEDGER_READERS),
			new Endpoint(HttpMethod.GET, "/api/v1/ledger/reports/running-balance" + RANGE, ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/infusions", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/infusions/board", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/appointments/" + ANY_ID + "/check-in", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/appointments/" + ANY_ID + "/check-in", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/visits/" + ANY_ID, CLINICIANS),
			new Endpoint(HttpMethod.POST, "/visits/" + ANY_ID + "/vitals", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/visits/" + ANY_ID + "/dose-order", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/visits/" + ANY_ID + "/sign", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/visits/" + ANY_ID + "/discharge.pdf", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/patients/" + ANY_ID + "/infusions", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/appointments/" + ANY_ID + "/visit", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/checks", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/vitals", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/overrides", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/dose-order", PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/preparation", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/infusion", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/waste", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/assessments", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/adverse-events", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/discharge", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/signatures", CLINICIANS),
			new Endpoint(HttpMethod.POST, "/api/v1/visits/" + ANY_ID + "/amendments", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/api/v1/visits/" + ANY_ID, CLINICIANS),
			new Endpoint(HttpMethod.GET, "/api/v1/infusion/board", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/api/v1/patients/" + ANY_ID + "/infusions", CLINICIANS),
			new Endpoint(HttpMethod.GET, "/outcomes", EVERYONE),
			new Endpoint(HttpMethod.GET, "/outcomes/dashboard", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/outcomes/kiosk", INTAKE_OR_NURSE),
			new Endpoint(HttpMethod.POST, "/outcomes/kiosk/" + ANY_ID, INTAKE_OR_NURSE),
			new Endpoint(HttpMethod.GET, "/outcomes/dashboard.csv", ADMIN_OR_PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/outcomes/alerts/" + ANY_ID, PHYSICIAN),
			new Endpoint(HttpMethod.POST, "/outcomes/alerts/" + ANY_ID + "/acknowledge", PHYSICIAN),
			new Endpoint(HttpMethod.GET, "/patients/" + ANY_ID + "/outcomes", OUTCOME_STAFF),
			new Endpoint(HttpMethod.GET, "/patients/" + ANY_ID + "/responses/new?instrument=PHQ-9", OUTCOME_STAFF),
			new Endpoint(HttpMethod.POST, "/patients/" + ANY_ID + "/responses", OUTCOME_STAFF),
			new Endpoint(HttpMethod.POST, "/patients/" + ANY_ID + "/links", OUTCOME_STAFF),
			new Endpoint(HttpMethod.GET, "/api/v1/instruments", EVERYONE),
			new Endpoint(HttpMethod.POST, "/api/v1/patients/" + ANY_ID + "/responses", OUTCOME_STAFF),
			new Endpoint(HttpMethod.GET, "/api/v1/patients/" + ANY_ID + "/responses/" + ANY_ID, OUTCOME_STAFF),
			new Endpoint(HttpMethod.GET, "/api/v1/patients/" + ANY_ID + "/outcomes", OUTCOME_STAFF),
			new Endpoint(HttpMethod.GET, "/api/v1/outcomes/missing-follow-ups", OUTCOME_STAFF),
			new Endpoint(HttpMethod.GET, "/therapy", THERAPIST),
			new Endpoint(HttpMethod.GET, "/patients/" + ANY_ID + "/therapy", THERAPY_READERS),
			new Endpoint(HttpMethod.POST, "/patients/" + ANY_ID + "/therapy", THERAPIST),
			new Endpoint(HttpMethod.POST, "/therapy/sessions/" + ANY_ID + "/addenda?patientId=" + ANY_ID, THERAPIST),
			new Endpoint(HttpMethod.GET, "/api/v1/patients/" + ANY_ID + "/therapy-sessions", THERAPY_READERS),
			new Endpoint(HttpMethod.POST, "/api/v1/patients/" + ANY_ID + "/therapy-sessions", THERAPIST),
			new Endpoint(HttpMethod.POST, "/api/v1/therapy-sessions/" + ANY_ID + "/addenda", THERAPIST),
			new Endpoint(HttpMethod.GET, "/api/v1/therapy/integration-due", THERAPIST));

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	static Stream<Arguments> endpointsAndRoles() {
		return ENDPOINTS.stream()
			.flatMap((endpoint) -> Arrays.stream(Role.values())
				.map((role) -> Arguments.of(endpoint.method(), endpoint.path(), role,
						endpoint.allowed().contains(role))));
	}

	static Stream<Arguments> endpoints() {
		return ENDPOINTS.stream().map((endpoint) -> Arguments.of(endpoint.method(), endpoint.path()));
	}

	@ParameterizedTest(name = "{2} {0} {1}: allowed={3}")
	@MethodSource("endpointsAndRoles")
	void eachRoleReachesOnlyWhatItMay(HttpMethod method, String path, Role role, boolean allowed) throws Exception {
		String username = role.name().toLowerCase().replace("clinic_", "") + ".main";
		MvcResult result = this.mvc
			.perform(request(method, path).with(csrf()).with(TestStaff.as(this.staff.demo(username))))
			.andReturn();
		int status = result.getResponse().getStatus();
		if (allowed) {
			assertThat(status).as("%s %s as %s", method, path, role).isNotEqualTo(403).isLessThan(500);
		}
		else {
			assertThat(status).as("%s %s as %s", method, path, role).isEqualTo(403);
		}
	}

	@ParameterizedTest(name = "anonymous {0} {1}")
	@MethodSource("endpoints")
	void nobodyWhoIsNotSignedInGetsIn(HttpMethod method, String path) throws Exception {
		int status = this.mvc.perform(request(method, path).with(csrf())).andReturn().getResponse().getStatus();
		if (path.startsWith("/api/")) {
			assertThat(status).isEqualTo(401);
		}
		else {
			assertThat(status).isIn(302, 403);
		}
	}

	private record Endpoint(HttpMethod method, String path, Set<Role> allowed) {
	}

}
