package org.ketacare.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketacare.ledger.LedgerFixtures.mg;

/**
 * Nurses drawing from the same vial at the same instant: never more than the vial holds,
 * and a replayed request writes one entry even when its copies race.
 */
@KetaCareIntegrationTest
class LedgerConcurrencyIT {

	private static final int DRAWS = 50;

	@Autowired
	Ledger ledger;

	@Autowired
	TestStaff staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void fiftyParallelDrawsAgainstTenDrawsWorthLeaveExactlyTenAndAZeroBalance() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurseA = this.staff.create("main", Role.NURSE);
		StaffPrincipal nurseB = this.staff.create("main", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		List<Outcome> outcomes = race(DRAWS, (i) -> this.ledger.draw((i % 2 == 0) ? nurseA : nurseB,
				new NewDraw(vial.id(), UUID.randomUUID(), null, mg("50"), "race-" + UUID.randomUUID())));

		assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(10);
		assertThat(outcomes).filteredOn((outcome) -> !outcome.succeeded())
			.hasSize(40)
			.allSatisfy((outcome) -> assertThat(outcome.failure()).isInstanceOf(ConflictException.class)
				.hasMessageContaining("cannot be drawn"));
		Vial after = this.ledger.vial(admin.clinicId(), vial.id());
		assertThat(after.balanceMg()).isEqualByComparingTo("0");
		assertThat(after.status()).isEqualTo(VialStatus.EMPTY);
		assertLedgerConsistent(admin, vial.id(), 11);
	}

	@Test
	void oneRequestSentTwentyTimesAtOnceWritesOneEntry() throws Exception {
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		Vial vial = LedgerFixtures.vialOf500Mg(this.ledger, admin);
		NewDraw request = new NewDraw(vial.id(), UUID.randomUUID(), null, mg("30"), "replay-" + UUID.randomUUID());
		List<Outcome> outcomes = race(20, (i) -> this.ledger.draw(nurse, request));

		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.succeeded()).isTrue());
		assertThat(outcomes.stream().map(Outcome::drawId).distinct()).hasSize(1);
		assertThat(this.ledger.vial(admin.clinicId(), vial.id()).balanceMg()).isEqualByComparingTo("470");
		assertLedgerConsistent(admin, vial.id(), 2);
	}

	/**
	 * The vial's balance is the sum of its entries, and each entry's balance follows from
	 * the one before.
	 */
	private void assertLedgerConsistent(StaffPrincipal admin, UUID vialId, int entries) {
		List<LedgerEntry> ledgerEntries = this.ledger.vialHistory(admin, vialId).entries();
		assertThat(ledgerEntries).hasSize(entries);
		BigDecimal running = BigDecimal.ZERO;
		for (int i = 0; i < ledgerEntries.size(); i++) {
			LedgerEntry entry = ledgerEntries.get(i);
			assertThat(entry.vialSeq()).isEqualTo(i + 1);
			running = running.add(entry.balanceChangeMg());
			assertThat(entry.balanceAfterMg()).isEqualByComparingTo(running);
			assertThat(running.signum()).isNotNegative();
		}
		assertThat(this.ledger.vial(admin.clinicId(), vialId).balanceMg()).isEqualByComparingTo(running);
		BigDecimal drawn = this.jdbc
			.sql("SELECT coalesce(sum(drawn_mg), 0) FROM ledger_draws WHERE clinic_id = ? AND vial_id = ?")
			.params(admin.clinicId(), vialId)
			.query(BigDecimal.class)
			.single();
		assertThat(drawn).isEqualByComparingTo(mg("500").subtract(running));
	}

	/**
	 * Runs {@code count} calls that all start at the same instant and waits for every
	 * one.
	 */
	private static List<Outcome> race(int count, DrawCall call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		CountDownLatch ready = new CountDownLatch(count);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Outcome>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					ready.countDown();
					start.await();
					try {
						return new Outcome(call.draw(index).id(), null);
					}
					catch (RuntimeException ex) {
						return new Outcome(null, ex);
					}
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			start.countDown();
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<Outcome> future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface DrawCall {

		Draw draw(int index);

	}

	private record Outcome(UUID drawId, RuntimeException failure) {

		boolean succeeded() {
			return this.failure == null;
		}

	}

}
