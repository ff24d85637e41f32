package org.ketacare.ledger;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Counts by two people, the discrepancies they open, possible-loss deadlines, resolutions
 * and inventories. Clinic north is used so that the vials on hand are this test's own.
 */
@KetaCareIntegrationTest
class LedgerCountsIT {

	@Autowired
	Ledger ledger;

	@Autowired
	Counts counts;

	@Autowired
	LedgerQueries queries;

	@Autowired
	TestStaff staff;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void aCountThatMatchesOpensNothingAndOneThatDoesNotOpensADiscrepancy() {
		StaffPrincipal admin = this.staff.demo("admin.north");
		StaffPrincipal nurse = this.staff.create("north", Role.NURSE);
		StaffPrincipal witness = this.staff.create("north", Role.PHYSICIAN);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		Map<UUID, String> physical = asRecorded(admin);
		Counts.CountResult matching = this.counts.record(nurse, Counts.CountKind.DAILY, physical, TestStaff.PASSWORD,
				witness.username(), TestStaff.PASSWORD, null);
		assertThat(matching.discrepancies()).isZero();

		physical.put(vial.id(), "9.9");
		Counts.CountResult shortBy5 = this.counts.record(nurse, Counts.CountKind.SHIFT, physical, TestStaff.PASSWORD,
				witness.username(), TestStaff.PASSWORD, null);
		assertThat(shortBy5.discrepancies()).isEqualTo(1);
		assertThat(shortBy5.possibleLosses()).isZero();
		Counts.Discrepancy found = discrepancyOf(admin, vial.id());
		assertThat(found.differenceMg()).isEqualByComparingTo("-5");
		assertThat(found.possibleLoss()).isFalse();

		Counts.Discrepancy resolved = this.counts.resolve(admin, found.id(), Counts.Resolution.ADJUSTED,
				"Spilled while drawing, not recorded at the time", TestStaff.DEMO_PASSWORD, found.version());
		assertThat(resolved.status()).isEqualTo(Counts.DiscrepancyStatus.RESOLVED);
		assertThat(this.ledger.vial(admin.clinicId(), vial.id()).balanceMg()).isEqualByComparingTo("495");
		assertThat(this.ledger.vialHistory(admin, vial.id()).entries()).last().satisfies((entry) -> {
			assertThat(entry.type()).isEqualTo(EntryType.ADJUSTMENT);
			assertThat(entry.signatureMeaning()).isEqualTo(Counts.RESOLUTION_MEANING);
			assertThat(entry.discrepancyId()).isEqualTo(found.id());
		});
	}

	@Test
	void aShortfallAboveTheThresholdIsAPossibleLossWithItsTwoDeadlines() {
		StaffPrincipal admin = this.staff.demo("admin.north");
		StaffPrincipal nurse = this.staff.create("north", Role.NURSE);
		StaffPrincipal witness = this.staff.create("north", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		Map<UUID, String> physical = asRecorded(admin);
		physical.put(vial.id(), "8");
		Counts.CountResult result = this.counts.record(nurse, Counts.CountKind.DAILY, physical, TestStaff.PASSWORD,
				witness.username(), TestStaff.PASSWORD, null);
		assertThat(result.possibleLosses()).isEqualTo(1);
		Counts.Discrepancy loss = discrepancyOf(admin, vial.id());
		LocalDate today = this.ledger.today(admin);
		assertThat(loss.possibleLoss()).isTrue();
		assertThat(loss.noticeDueOn()).isEqualTo(Counts.addBusinessDays(today, 1));
		assertThat(loss.form106DueOn()).isEqualTo(today.plusDays(45));

		Counts.Discrepancy reported = this.counts.recordDeaDates(admin, loss.id(), today, null, loss.version());
		assertThat(reported.deaNoticeSentOn()).isEqualTo(today);
		assertThatThrownBy(() -> this.counts.recordDeaDates(admin, loss.id(), today, null, reported.version()))
			.isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("deaNoticeSentOn"));

		this.counts.resolve(admin, loss.id(), Counts.Resolution.LOSS, "Vial found tampered with; police report 17",
				TestStaff.DEMO_PASSWORD, reported.version());
		assertThat(this.ledger.vial(admin.clinicId(), vial.id()).balanceMg()).isEqualByComparingTo("400");
		assertThat(this.ledger.vialHistory(admin, vial.id()).entries()).last()
			.satisfies((entry) -> assertThat(entry.type()).isEqualTo(EntryType.LOSS));
	}

	@Test
	void businessDaysSkipTheWeekend() {
		assertThat(Counts.addBusinessDays(LocalDate.of(2026, 3, 6), 1)).isEqualTo(LocalDate.of(2026, 3, 9));
		assertThat(Counts.addBusinessDays(LocalDate.of(2026, 3, 7), 1)).isEqualTo(LocalDate.of(2026, 3, 9));
		assertThat(Counts.addBusinessDays(LocalDate.of(2026, 3, 3), 1)).isEqualTo(LocalDate.of(2026, 3, 4));
		assertThat(Counts.addBusinessDays(LocalDate.of(2026, 3, 3), 0)).isEqualTo(LocalDate.of(2026, 3, 3));
	}

	@Test
	void everyVialOnHandMustBeCountedAndTheWitnessIsAnotherPerson() {
		StaffPrincipal admin = this.staff.demo("admin.north");
		StaffPrincipal nurse = this.staff.create("north", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		Map<UUID, String> physical = asRecorded(admin);
		physical.remove(vial.id());
		assertThatThrownBy(() -> this.counts.record(nurse, Counts.CountKind.DAILY, physical, TestStaff.PASSWORD,
				admin.username(), TestStaff.DEMO_PASSWORD, null))
			.isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("physicalMl[" + vial.id() + "]"));
		physical.put(vial.id(), "10");
		assertThatThrownBy(() -> this.counts.record(nurse, Counts.CountKind.DAILY, physical, TestStaff.PASSWORD,
				nurse.username(), TestStaff.PASSWORD, null))
			.isInstanceOf(RuleViolationException.class);
	}

	@Test
	void theFirstInventoryIsTheInitialOneAndLaterOnesArePeriodic() {
		StaffPrincipal admin = this.staff.demo("admin.north");
		StaffPrincipal physician = this.staff.create("north", Role.PHYSICIAN);
		LedgerFixtures.vialOf500Mg(this.ledger, admin);
		LocalDate today = this.ledger.today(admin);
		Counts.InventoryHeader header = new Counts.InventoryHeader(today, Counts.TimeOfDay.CLOSE,
				"Mental Health Center North", "2 Peak Street, Denver CO", "BM1234563");
		this.counts.record(physician, null, asRecorded(admin), TestStaff.PASSWORD, admin.username(),
				TestStaff.DEMO_PASSWORD, header);
		this.counts.record(physician, null, asRecorded(admin), TestStaff.PASSWORD, admin.username(),
				TestStaff.DEMO_PASSWORD, header);
		assertThat(this.counts.lastInventory(admin.clinicId())).contains(today);
		assertThat(this.jdbc.sql("SELECT kind FROM ledger_inventories WHERE clinic_id = ?")
			.param(admin.clinicId())
			.query(String.class)
			.list()).containsOnlyOnce("INITIAL").contains("PERIODIC");
		assertThatThrownBy(() -> this.counts.record(physician, null, asRecorded(admin), TestStaff.PASSWORD,
				admin.username(), TestStaff.DEMO_PASSWORD,
				new Counts.InventoryHeader(today.minusDays(1), null, "", "", "BM1234560")))
			.isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> assertThat(ex.errors()).extracting(InvalidInputException.FieldError::field)
						.containsExactlyInAnyOrder("takenOn", "timeOfDay", "registrantName", "registrantAddress",
								"registrantDea"));
	}

	/** What each vial on hand holds by the record, as a count that finds exactly that. */
	private Map<UUID, String> asRecorded(StaffPrincipal admin) {
		Map<UUID, String> physical = new HashMap<>();
		for (Vial vial : this.queries.vialsOnHand(admin.clinicId())) {
			physical.put(vial.id(),
					vial.balanceMg()
						.divide(vial.concentrationMgPerMl(), 3, java.math.RoundingMode.UNNECESSARY)
						.toPlainString());
		}
		return physical;
	}

	private Counts.Discrepancy discrepancyOf(StaffPrincipal admin, UUID vialId) {
		List<Counts.Discrepancy> open = this.counts.discrepancies(admin.clinicId(), true)
			.stream()
			.filter((d) -> d.vialId().equals(vialId))
			.toList();
		assertThat(open).hasSize(1);
		return open.get(0);
	}

}
