package org.ketacare.audit;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.clinic.Clinic;
import org.ketacare.clinic.Clinics;
import org.ketacare.platform.AuditOutcome;
import org.ketacare.platform.AuditRecord;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@KetaCareIntegrationTest
class AuditTrailIT {

	@Autowired
	AuditTrail audit;

	@Autowired
	Clinics clinics;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	private Clinic clinic;

	@BeforeEach
	void aClinicOfItsOwn() {
		this.clinic = this.clinics.create("audit-" + UUID.randomUUID().toString().substring(0, 8), "Audit test clinic",
				"Europe/Berlin");
		for (int i = 1; i <= 5; i++) {
			this.audit.record(AuditRecord.success("TEST_EVENT")
				.target("thing", i)
				.details("event " + i)
				.asActor(new AuditRecord.Actor(this.clinic.id(), null, "tester", "NURSE")));
		}
	}

	@Test
	void eachClinicHasAnIntactChainNumberedWithoutGaps() {
		ChainVerification result = this.audit.verify(this.clinic.id());
		assertThat(result.intact()).isTrue();
		assertThat(result.rowsChecked()).isEqualTo(5);
		assertThat(this.jdbc.sql("SELECT max(seq) FROM audit_events WHERE clinic_id = ?")
			.param(this.clinic.id())
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	@Test
	void theDatabaseRefusesToUpdateDeleteOrTruncateAuditRows() {
		assertThatThrownBy(() -> this.jdbc.sql("UPDATE audit_events SET details = 'changed' WHERE clinic_id = ?")
			.param(this.clinic.id())
			.update()).rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> this.jdbc.sql("DELETE FROM audit_events WHERE clinic_id = ?").param(this.clinic.id()).update())
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("TRUNCATE audit_events").update()).rootCause()
			.hasMessageContaining("append-only");
	}

	@Test
	void verificationNamesTheFirstRowWhoseContentWasChanged() throws Exception {
		asSuperuserWithoutGuards("UPDATE audit_events SET details = 'rewritten' WHERE clinic_id = '" + this.clinic.id()
				+ "' AND seq = 3");
		ChainVerification result = this.audit.verify(this.clinic.id());
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBrokenSeq()).isEqualTo(3);
		assertThat(result.problem()).contains("changed");
	}

	@Test
	void verificationNoticesARemovedRow() throws Exception {
		asSuperuserWithoutGuards("DELETE FROM audit_events WHERE clinic_id = '" + this.clinic.id() + "' AND seq = 2");
		ChainVerification result = this.audit.verify(this.clinic.id());
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBrokenSeq()).isEqualTo(3);
		assertThat(result.problem()).contains("missing");
	}

	@Test
	void verificationNoticesARowWhoseHashWasRecomputedButNotItsSuccessors() throws Exception {
		asSuperuserWithoutGuards("UPDATE audit_events SET hash = repeat('a', 64) WHERE clinic_id = '" + this.clinic.id()
				+ "' AND seq = 4");
		ChainVerification result = this.audit.verify(this.clinic.id());
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBrokenSeq()).isEqualTo(4);
	}

	@Test
	void verifyEndpointReportsTheAdministratorsChain() throws Exception {
		this.mvc.perform(get("/api/v1/audit/verify").with(TestStaff.as(this.staff.demo("admin.north"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.intact").value(true));
	}

	@Test
	void verifyEndpointIsForClinicAdministratorsOnly() throws Exception {
		this.mvc.perform(get("/api/v1/audit/verify").with(TestStaff.as(this.staff.demo("physician.main"))))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_events WHERE actor_username = 'physician.main' AND action = 'ACCESS_DENIED'
				""").query(Long.class).single()).isPositive();
	}

	@Test
	void recordsCarryTheOutcomeAndTheSourceAddressOfTheRequest() throws Exception {
		this.mvc.perform(get("/audit").with(TestStaff.as(this.staff.demo("admin.main"))).with((request) -> {
			request.setRemoteAddr("203.0.113.9");
			return request;
		})).andExpect(status().isOk());
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM audit_events
				 WHERE actor_username = 'admin.main' AND action = 'AUDIT_VIEWED' AND source_address = '203.0.113.9'
				   AND outcome = ?
				""").param(AuditOutcome.SUCCESS.name()).query(Long.class).single()).isEqualTo(1);
	}

	/**
	 * Tampering as an attacker with database superuser rights would: with the guard
	 * triggers switched off.
	 */
	private void asSuperuser(String sql) throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private void asSuperuserWithoutGuards(String sql) throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE audit_events DISABLE TRIGGER USER");
			try {
				statement.execute(sql);
			}
			finally {
				statement.execute("ALTER TABLE audit_events ENABLE TRIGGER USER");
			}
		}
	}

}
