package org.ketacare.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The ledger's API as other systems use it, and the database's own refusal to change or
 * remove ledger records.
 */
@KetaCareIntegrationTest
class LedgerApiIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	Ledger ledger;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReceiptAnswers201WithTheCreatedVials() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		LocalDate today = this.ledger.today(admin);
		String body = """
				{"supplierName": "Acme Drug Distribution", "supplierAddress": "1 Depot Road, Newark NJ",
				 "supplierDea": "PB1234563", "invoice": "INV-77", "receivedOn": "%s",
				 "product": {"name": "Ketamine HCl", "ndc": "%s", "concentrationMgPerMl": 100, "containerMl": 5},
				 "containers": [{"lot": "K1", "expiry": "%s"}, {"lot": "K2", "expiry": "%s"}]}
				""".formatted(today, LedgerFixtures.uniqueNdc(), today.plusYears(1), today.plusYears(2));
		this.mvc
			.perform(post("/api/v1/ledger/receipts").contentType(MediaType.APPLICATION_JSON)
				.content(body)
				.with(TestStaff.as(admin)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.vials.length()").value(2))
			.andExpect(jsonPath("$.vials[0].lot").value("K1"))
			.andExpect(jsonPath("$.vials[1].expiry").value(today.plusYears(2).toString()))
			.andExpect(jsonPath("$.vials[0].balanceMg").value(500.0))
			.andExpect(jsonPath("$.vials[0].id").isNotEmpty());
	}

	@Test
	void aReceiptWithoutTheSuppliersDeaNumberIs400NamingTheField() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		this.mvc
			.perform(post("/api/v1/ledger/receipts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"supplierName\": \"Acme\", \"supplierAddress\": \"1 Road\"}")
				.with(TestStaff.as(admin)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'supplierDea')].message").value("is required"));
	}

	@Test
	void drawsAnswer201AndOverTheBalance409NamingTheBalance() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		this.mvc.perform(draw(nurse, vial.id(), "480"))
			.andExpect(status().isCreated())
			.andExpect(header().exists("Location"))
			.andExpect(jsonPath("$.mg").value(480.0))
			.andExpect(jsonPath("$.vialBalanceMg").value(20.0));
		this.mvc.perform(draw(nurse, vial.id(), "25"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("Vial lot L0 #1 holds 20 mg; 25 mg cannot be drawn"));
	}

	@Test
	void aDrawFromAnExpiredVialIs409() throws Exception {
		Vial vial = LedgerFixtures.expiredVial(this.ledger, this.staff.demo("admin.main"));
		this.mvc.perform(draw(this.staff.demo("nurse.main"), vial.id(), "10"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("expired on")));
	}

	@Test
	void aDrawFromAQuarantinedVialIs409() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		this.mvc
			.perform(post("/ledger/vials/{id}/quarantine", vial.id()).param("reason", "label damaged")
				.with(TestStaff.as(admin))
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(draw(this.staff.demo("nurse.main"), vial.id(), "10"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("quarantined")));
	}

	@Test
	void aDrawWithoutAnIdempotencyKeyIs400() throws Exception {
		this.mvc
			.perform(post("/api/v1/ledger/draws").contentType(MediaType.APPLICATION_JSON)
				.content("{\"vialId\": \"" + UUID.randomUUID() + "\", \"visitId\": \"" + UUID.randomUUID()
						+ "\", \"mg\": 10}")
				.with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("idempotencyKey"));
	}

	@Test
	void wasteWitnessedByTheActorIs422AndByAnotherPerson201() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		StaffPrincipal witness = this.staff.create("main", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		String drawBody = this.mvc.perform(draw(nurse, vial.id(), "40")).andReturn().getResponse().getContentAsString();
		String drawId = JsonPath.read(drawBody, "$.id");
		this.mvc.perform(waste(nurse, drawId, nurse.username())).andExpect(status().isUnprocessableContent());
		this.mvc.perform(waste(nurse, drawId, witness.username()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.type").value("WASTE"))
			.andExpect(jsonPath("$.witnessName").value(witness.displayName()));
	}

	@Test
	void aVialShowsItsBalanceAndEntriesAndTheBalanceIsPerProductAndLocation() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		this.mvc.perform(get("/api/v1/ledger/vials/{id}", vial.id()).with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.vial.balanceMg").value(500.0))
			.andExpect(jsonPath("$.entries[0].type").value("RECEIPT"));
		this.mvc.perform(get("/api/v1/ledger/balance").with(TestStaff.as(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.ndc == '" + vial.ndc() + "')].balanceMg").value(500.0))
			.andExpect(jsonPath("$[?(@.ndc == '" + vial.ndc() + "')].locationName").value(vial.locationName()));
	}

	@Test
	void anotherClinicsVialIsNotFound() throws Exception {
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, this.staff.demo("admin.main"));
		this.mvc.perform(get("/api/v1/ledger/vials/{id}", vial.id()).with(TestStaff.as(this.staff.demo("nurse.north"))))
			.andExpect(status().isNotFound());
		this.mvc.perform(draw(this.staff.demo("nurse.north"), vial.id(), "10")).andExpect(status().isNotFound());
		assertThat(this.ledger.vial(this.staff.demo("admin.main").clinicId(), vial.id()).balanceMg())
			.isEqualByComparingTo("500");
	}

	@Test
	void ledgerEntriesCannotBePutPatchedOrDeleted() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		UUID entryId = this.ledger.vialHistory(admin, vial.id()).entries().get(0).id();
		String path = "/api/v1/ledger/entries/" + entryId;
		this.mvc.perform(get(path).with(TestStaff.as(admin))).andExpect(status().isOk());
		this.mvc.perform(put(path).contentType(MediaType.APPLICATION_JSON).content("{}").with(TestStaff.as(admin)))
			.andExpect(status().isMethodNotAllowed());
		this.mvc.perform(patch(path).contentType(MediaType.APPLICATION_JSON).content("{}").with(TestStaff.as(admin)))
			.andExpect(status().isMethodNotAllowed());
		this.mvc.perform(delete(path).with(TestStaff.as(admin))).andExpect(status().isMethodNotAllowed());
		this.mvc.perform(delete("/api/v1/ledger/vials/" + vial.id()).with(TestStaff.as(admin)))
			.andExpect(status().isMethodNotAllowed());
	}

	@Test
	void theDatabaseRefusesToChangeOrRemoveLedgerRecordsOfAnyAge() {
		StaffPrincipal admin = this.staff.demo("admin.main");
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		for (String statement : new String[] { "UPDATE ledger_entries SET quantity_mg = 1 WHERE vial_id = ?",
				"DELETE FROM ledger_entries WHERE vial_id = ?", "DELETE FROM ledger_vials WHERE id = ?",
				"UPDATE ledger_vials SET balance_mg = 1 WHERE id = ?",
				"DELETE FROM ledger_receipts WHERE id = (SELECT receipt_id FROM ledger_vials WHERE id = ?)" }) {
			assertThatThrownBy(() -> this.jdbc.sql(statement).param(vial.id()).update()).as(statement)
				.rootCause()
				.hasMessageMatching("(?s).*(not allowed|never change|changes only with).*");
		}
		// Retention: no path deletes ledger rows, however old or young; every ledger
		// table
		// refuses DELETE (a row trigger, so only tables with rows can show it) and
		// TRUNCATE.
		List<String> tables = this.jdbc
			.sql("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'ledger\\_%' ORDER BY 1")
			.query(String.class)
			.list();
		assertThat(tables).hasSizeGreaterThanOrEqualTo(12);
		for (String table : tables) {
			assertThat(this.jdbc.sql("""
					SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
					 WHERE c.relname = ? AND NOT t.tgisinternal AND (t.tgtype & 8) <> 0
					""").param(table).query(Long.class).single()).as("DELETE trigger on " + table).isPositive();
			boolean hasRows = this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single() > 0;
			if (hasRows) {
				assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM " + table).update()).as(table)
					.rootCause()
					.hasMessageContaining("not allowed");
			}
			assertThatThrownBy(() -> this.jdbc.sql("TRUNCATE " + table + " CASCADE").update()).as(table)
				.rootCause()
				.hasMessageContaining("not allowed");
		}
		assertThat(this.ledger.vial(admin.clinicId(), vial.id()).balanceMg()).isEqualByComparingTo("500");
	}

	private org.springframework.test.web.servlet.RequestBuilder draw(StaffPrincipal nurse, UUID vialId, String mg) {
		return post("/api/v1/ledger/draws").contentType(MediaType.APPLICATION_JSON)
			.content("{\"vialId\": \"" + vialId + "\", \"visitId\": \"" + UUID.randomUUID() + "\", \"mg\": " + mg
					+ ", \"idempotencyKey\": \"" + UUID.randomUUID() + "\"}")
			.with(TestStaff.as(nurse));
	}

	private org.springframework.test.web.servlet.RequestBuilder waste(StaffPrincipal nurse, String drawId,
			String witness) {
		return post("/api/v1/ledger/waste").contentType(MediaType.APPLICATION_JSON)
			.content("{\"drawId\": \"" + drawId + "\", \"mg\": 40, \"method\": \"expelled into waste container\", "
					+ "\"witnessUsername\": \"" + witness + "\", \"witnessPassword\": \"" + TestStaff.PASSWORD + "\"}")
			.with(TestStaff.as(nurse));
	}

}
