package org.ketacare.ledger;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ketacare.ledger.LedgerFixtures.mg;

/**
 * The ledger's rules through its service: receiving, drawing, giving, wasting with a
 * witness and closing a visit.
 */
@KetaCareIntegrationTest
class LedgerIT {

	@Autowired
	Ledger ledger;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReceiptMakesOneVialPerContainerEachOpenedWithItsFullContent() {
		StaffPrincipal admin = this.staff.demo("admin.main");
		List<Vial> vials = LedgerFixtures.vialsOf500Mg(this.ledger, admin, 3);
		assertThat(vials).hasSize(3).allSatisfy((vial) -> {
			assertThat(vial.balanceMg()).isEqualByComparingTo("500");
			assertThat(vial.balanceMl()).isEqualByComparingTo("10");
			assertThat(vial.status()).isEqualTo(VialStatus.IN_STOCK);
			assertThat(this.ledger.vialHistory(admin, vial.id()).entries()).singleElement()
				.satisfies((entry) -> assertThat(entry.type()).isEqualTo(EntryType.RECEIPT));
		});
	}

	@Test
	void aReceiptNeedsTheSuppliersNameAddressAndValidDeaNumberAndChangesNothingOtherwise() {
		StaffPrincipal admin = this.staff.demo("admin.main");
		long before = countVials(admin);
		NewReceipt receipt = new NewReceipt("", " ", "AB1234567", "INV-1", this.ledger.today(admin),
				new NewReceipt.Product("Ketamine", "12", mg("50"), mg("10"), null),
				List.of(new NewReceipt.Container("", null)), null);
		assertThatThrownBy(() -> this.ledger.receive(admin, receipt)).isInstanceOfSatisfying(
				InvalidInputException.class,
				(ex) -> assertThat(ex.errors()).extracting(InvalidInputException.FieldError::field)
					.contains("supplierName", "supplierAddress", "supplierDea", "product.ndc", "containers[0].lot",
							"containers[0].expiry"));
		assertThat(countVials(admin)).isEqualTo(before);
	}

	@Test
	void onlyAClinicAdministratorReceivesStock() {
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		assertThatThrownBy(() -> LedgerFixtures.vialOf500Mg(this.ledger, nurse))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
	}

	@Test
	void aDrawOverTheBalanceIsRefusedNamingTheBalance() {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		this.ledger.draw(nurse, new NewDraw(vial.id(), UUID.randomUUID(), null, mg("460"), null));
		assertThatThrownBy(
				() -> this.ledger.draw(nurse, new NewDraw(vial.id(), UUID.randomUUID(), null, mg("50"), null)))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("holds 40 mg");
		assertThat(this.ledger.vial(admin.clinicId(), vial.id()).balanceMg()).isEqualByComparingTo("40");
	}

	@Test
	void anExpiredVialCannotBeDrawnFrom() {
		StaffPrincipal admin = this.staff.demo("admin.main");
		Vial vial = LedgerFixtures.expiredVial(this.ledger, admin);
		assertThatThrownBy(() -> this.ledger.draw(this.staff.demo("nurse.main"),
				new NewDraw(vial.id(), UUID.randomUUID(), null, mg("10"), null)))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("expired on");
		assertThat(this.ledger.vial(admin.clinicId(), vial.id()).balanceMg()).isEqualByComparingTo("500");
	}

	@Test
	void drawnEqualsAdministeredPlusWastedBeforeAVisitCloses() {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		StaffPrincipal witness = this.staff.create("main", Role.PHYSICIAN);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		UUID visit = UUID.randomUUID();
		UUID patient = UUID.randomUUID();
		Draw draw = this.ledger.draw(nurse, new NewDraw(vial.id(), visit, patient, mg("40"), null));
		this.ledger.recordAdministered(nurse, draw.id(), null, mg("36.5"), null);
		assertThatThrownBy(() -> this.ledger.closeVisit(admin.clinicId(), visit)).isInstanceOf(ConflictException.class)
			.hasMessageContaining("3.5 mg of the 40 mg");
		assertThatThrownBy(() -> this.ledger.recordAdministered(nurse, draw.id(), null, mg("4"), null))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("has 3.5 mg left");
		this.ledger.waste(nurse, new NewWaste(draw.id(), null, mg("3.5"), "expelled into drug waste container",
				witness.username(), TestStaff.PASSWORD, null));
		VisitAccount account = this.ledger.closeVisit(admin.clinicId(), visit);
		assertThat(account.closed()).isTrue();
		assertThat(account.drawnMg()).isEqualByComparingTo("40");
		assertThat(account.administeredMg()).isEqualByComparingTo("36.5");
		assertThat(account.wastedMg()).isEqualByComparingTo("3.5");
		assertThat(this.ledger.vial(admin.clinicId(), vial.id()).balanceMg()).isEqualByComparingTo("460");
		assertThatThrownBy(() -> this.ledger.draw(nurse, new NewDraw(vial.id(), visit, patient, mg("1"), null)))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("is closed");
	}

	@Test
	void theWitnessOfWasteIsNeverThePersonWasting() {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		Draw draw = this.ledger.draw(nurse, new NewDraw(vial.id(), UUID.randomUUID(), null, mg("10"), null));
		assertThatThrownBy(() -> this.ledger.waste(nurse,
				new NewWaste(draw.id(), null, mg("10"), "sink", nurse.username(), TestStaff.PASSWORD, null)))
			.isInstanceOf(RuleViolationException.class);
		assertThat(this.ledger.draw(admin.clinicId(), draw.id()).wastedMg()).isEqualByComparingTo("0");
	}

	@Test
	void aReplayedDrawWithItsIdempotencyKeyWritesOneEntry() {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		NewDraw request = new NewDraw(vial.id(), UUID.randomUUID(), null, mg("25"), "draw-" + UUID.randomUUID());
		Draw first = this.ledger.draw(nurse, request);
		Draw second = this.ledger.draw(nurse, request);
		assertThat(second.id()).isEqualTo(first.id());
		assertThat(this.ledger.vial(admin.clinicId(), vial.id()).balanceMg()).isEqualByComparingTo("475");
		assertThat(this.ledger.vialHistory(admin, vial.id()).entries()).extracting(LedgerEntry::type)
			.containsExactly(EntryType.RECEIPT, EntryType.DRAW);
		assertThatThrownBy(() -> this.ledger.draw(nurse,
				new NewDraw(vial.id(), request.visitId(), null, mg("30"), request.idempotencyKey())))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("already used for a different request");
	}

	private long countVials(StaffPrincipal admin) {
		return this.jdbc.sql("SELECT count(*) FROM ledger_vials WHERE clinic_id = ?")
			.param(admin.clinicId())
			.query(Long.class)
			.single();
	}

}
