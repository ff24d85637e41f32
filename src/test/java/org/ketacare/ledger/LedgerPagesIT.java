package org.ketacare.ledger;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The ledger's pages: what they show, what a form does with good and bad input, and the
 * reports as page, CSV and PDF.
 */
@KetaCareIntegrationTest
class LedgerPagesIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	Ledger ledger;

	@Test
	void theStockOverviewListsVialsWithExpiryWarnings() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		Vial expired = LedgerFixtures.expiredVial(this.ledger, admin);
		this.mvc.perform(get("/ledger").with(TestStaff.as(this.staff.demo("nurse.main"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/ledger/vials/" + expired.id())))
			.andExpect(content().string(containsString("Expired: cannot be drawn")))
			.andExpect(content().string(containsString("Draw for a visit")));
	}

	@Test
	void theReceivingFormReceivesEachRowsContainersAndNamesWrongFields() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		LocalDate today = this.ledger.today(admin);
		String ndc = LedgerFixtures.uniqueNdc();
		this.mvc
			.perform(post("/ledger/receipts").param("supplierName", "Acme Drug Distribution")
				.param("supplierAddress", "1 Depot Road, Newark NJ")
				.param("supplierDea", "PB1234563")
				.param("invoice", "INV-9")
				.param("receivedOn", today.toString())
				.param("product.name", "Ketamine HCl")
				.param("product.ndc", ndc)
				.param("product.concentrationMgPerMl", "50")
				.param("product.containerMl", "10")
				.param("form", "injection, solution")
				.param("location", "Main safe")
				.param("lot0", "A1")
				.param("expiry0", today.plusYears(1).toString())
				.param("quantity0", "2")
				.param("lot1", "B2")
				.param("expiry1", today.plusYears(2).toString())
				.param("quantity1", "1")
				.with(TestStaff.as(admin))
				.with(csrf()))
			.andExpect(redirectedUrl("/ledger"));
		assertThat(this.mvc.perform(get("/api/v1/ledger/balance").with(TestStaff.as(admin)))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains(ndc);

		this.mvc
			.perform(post("/ledger/receipts").param("supplierDea", "PB1234560")
				.param("lot0", "A1")
				.param("quantity0", "x")
				.with(TestStaff.as(admin))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Supplier DEA number has a wrong check digit")))
			.andExpect(content().string(containsString("Containers must be a whole number of containers")));
	}

	@Test
	void aDrawForAVisitThenItsRemainderWastedWithAWitness() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		StaffPrincipal witness = this.staff.create("main", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		MvcResult drawn = this.mvc
			.perform(post("/ledger/draws").param("vialId", vial.id().toString())
				.param("visitId", UUID.randomUUID().toString())
				.param("mg", "35")
				.param("idempotencyKey", UUID.randomUUID().toString())
				.with(TestStaff.as(nurse))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/ledger/draws/*"))
			.andReturn();
		String drawPage = drawn.getResponse().getRedirectedUrl();
		this.mvc.perform(get(drawPage).with(TestStaff.as(nurse)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("35 mg")));
		this.mvc
			.perform(post(drawPage + "/waste").param("mg", "35")
				.param("method", "expelled into drug waste container")
				.param("witnessUsername", nurse.username())
				.param("witnessPassword", TestStaff.PASSWORD)
				.with(TestStaff.as(nurse))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("The witness must be another person")));
		this.mvc
			.perform(post(drawPage + "/waste").param("mg", "35")
				.param("method", "expelled into drug waste container")
				.param("witnessUsername", witness.username())
				.param("witnessPassword", TestStaff.PASSWORD)
				.param("idempotencyKey", UUID.randomUUID().toString())
				.with(TestStaff.as(nurse))
				.with(csrf()))
			.andExpect(redirectedUrl(drawPage));
		this.mvc
			.perform(post("/ledger/draws").param("vialId", vial.id().toString())
				.param("visitId", UUID.randomUUID().toString())
				.param("mg", "1000")
				.param("idempotencyKey", UUID.randomUUID().toString())
				.with(TestStaff.as(nurse))
				.with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("holds 465 mg")));
	}

	@Test
	void reportsComeAsAPageACsvAndAPdf() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		UUID patient = UUID.randomUUID();
		Draw draw = this.ledger.draw(nurse,
				new NewDraw(vial.id(), UUID.randomUUID(), patient, LedgerFixtures.mg("30"), null));
		this.ledger.recordAdministered(nurse, draw.id(), null, LedgerFixtures.mg("30"), null);
		LocalDate today = this.ledger.today(admin);
		String range = "?from=" + today.minusDays(1) + "&to=" + today;
		StaffPrincipal physician = this.staff.demo("physician.main");
		this.mvc.perform(get("/ledger/reports/administration" + range).with(TestStaff.as(physician)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(patient.toString())));
		this.mvc.perform(get("/ledger/reports/administration/csv" + range).with(TestStaff.as(admin)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", startsWith("text/csv")))
			.andExpect(content().string(startsWith("Date and time,Patient,Visit,Product")))
			.andExpect(content().string(containsString(patient + "," + draw.visitId())))
			.andExpect(content().string(containsString(nurse.displayName())));
		byte[] pdf = this.mvc.perform(get("/ledger/reports/running-balance/pdf" + range).with(TestStaff.as(admin)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		this.mvc
			.perform(get("/ledger/reports").param("report", "waste")
				.param("from", today.toString())
				.param("to", today.toString())
				.with(TestStaff.as(admin)))
			.andExpect(redirectedUrl("/ledger/reports/waste?from=" + today + "&to=" + today));
		this.mvc.perform(get("/ledger/reports/administration?from=2026-02-01&to=2026-01-01").with(TestStaff.as(admin)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must be on or after the start date")));
	}

	@Test
	void aCellThatASpreadsheetWouldRunIsExportedAsText() {
		assertThat(LedgerReports.inert("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
		assertThat(LedgerReports.inert("-12.5")).isEqualTo("-12.5");
		assertThat(LedgerReports.inert("Nurse Main")).isEqualTo("Nurse Main");
	}

	@Test
	void countAndDiscrepancyPagesRender() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		this.mvc.perform(get("/ledger/counts/new").with(TestStaff.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Count with a witness")));
		this.mvc.perform(get("/ledger/inventories/new").with(TestStaff.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Opening of business")));
		this.mvc.perform(get("/ledger/discrepancies").with(TestStaff.as(admin))).andExpect(status().isOk());
		this.mvc.perform(get("/ledger/counts").with(TestStaff.as(admin))).andExpect(status().isOk());
		this.mvc
			.perform(post("/ledger/locations").param("name", "Room " + UUID.randomUUID().toString().substring(0, 6))
				.with(TestStaff.as(admin))
				.with(csrf()))
			.andExpect(redirectedUrl("/ledger/locations"));
	}

}
