package org.ketacare.ledger;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.clinic.Clinic;
import org.ketacare.clinic.Clinics;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How long the two-year administration log of a busy clinic takes to export: 12 chairs, 6
 * visits per chair per day, every day for two years (52,560 visits; each draws 40 mg,
 * gives 36 mg and wastes 4 mg; a 500 mg vial serves 12 visits). The ledger is seeded in
 * bulk SQL that passes the same triggers as the application's writes. Run with
 * {@code ./mvnw -Pbench verify -Dit.test=LedgerExportBenchmark}; prints figures and
 * asserts nothing about time.
 */
@KetaCareIntegrationTest
class LedgerExportBenchmark {

	private static final int CHAIRS = 12;

	private static final int VISITS_PER_CHAIR_PER_DAY = 6;

	private static final int DAYS = 730;

	private static final int VISITS_PER_VIAL = 12;

	private static final int VIALS_PER_RECEIPT = 25;

	@Autowired
	Clinics clinics;

	@Autowired
	LedgerReports reports;

	@Autowired
	JdbcClient jdbc;

	@Test
	void exportTwoYearsOfABusyClinic() throws IOException {
		Clinic clinic = this.clinics.create("bench-" + UUID.randomUUID().toString().substring(0, 8), "Benchmark clinic",
				"America/New_York");
		ZoneId zone = ZoneId.of("America/New_York");
		StaffPrincipal admin = new StaffPrincipal(UUID.randomUUID(), clinic.id(), clinic.slug(), clinic.name(), zone,
				"bench.admin", "Bench Admin", EnumSet.of(Role.CLINIC_ADMIN));
		LocalDate today = LocalDate.now(zone);
		LocalDate start = today.minusDays(DAYS);
		long seedStart = System.nanoTime();
		seed(clinic.id(), start);
		double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
		this.jdbc.sql("ANALYZE").update();
		long entries = this.jdbc.sql("SELECT count(*) FROM ledger_entries WHERE clinic_id = ?")
			.param(clinic.id())
			.query(Long.class)
			.single();
		System.out.printf("%nLEDGER BENCHMARK: seeded %d visits, %d vials, %d ledger entries in %.1f s%n",
				CHAIRS * VISITS_PER_CHAIR_PER_DAY * DAYS, vials(), entries, seedSeconds);

		LedgerReports.Range range = new LedgerReports.Range(start, today);
		Path target = Path.of("target", "bench");
		Files.createDirectories(target);
		for (int run = 1; run <= 2; run++) {
			time("administration log CSV, run " + run, target.resolve("administration.csv"),
					(out) -> this.reports.csv(admin, LedgerReport.ADMINISTRATION, range, out));
			time("administration log PDF, run " + run, target.resolve("administration.pdf"),
					(out) -> this.reports.pdf(admin, LedgerReport.ADMINISTRATION, range, out));
		}
		time("running balance CSV (every entry)", target.resolve("running-balance.csv"),
				(out) -> this.reports.csv(admin, LedgerReport.RUNNING_BALANCE, range, out));
		time("waste log CSV", target.resolve("waste.csv"),
				(out) -> this.reports.csv(admin, LedgerReport.WASTE, range, out));
		explain("two years", clinic.id(), range, zone);
		explain("one month", clinic.id(), new LedgerReports.Range(today.minusMonths(1), today), zone);
	}

	private void explain(String label, UUID clinicId, LedgerReports.Range range, ZoneId zone) {
		String plan = String.join("\n",
				this.jdbc.sql("EXPLAIN ANALYZE " + LedgerReport.ADMINISTRATION.sql())
					.params(clinicId, range.startIn(zone), range.endIn(zone))
					.query(String.class)
					.list());
		System.out.printf("LEDGER BENCHMARK: plan of the administration log query over %s:%n%s%n%n", label, plan);
	}

	/**
	 * Prints the time taken and this thread's CPU time, which other processes on a busy
	 * build machine disturb less (the database's own work is not in it).
	 */
	private void time(String what, Path file, Export export) throws IOException {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long begin = System.nanoTime();
		long beginCpu = threads.getCurrentThreadCpuTime();
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
			export.to(out);
		}
		double seconds = (System.nanoTime() - begin) / 1e9;
		double cpuSeconds = (threads.getCurrentThreadCpuTime() - beginCpu) / 1e9;
		long rows = what.contains("CSV") ? Files.lines(file).count() - 1 : -1;
		System.out.printf("LEDGER BENCHMARK: %s: %.2f s (%.2f s CPU in this thread), %,d bytes%s%n", what, seconds,
				cpuSeconds, Files.size(file), (rows >= 0) ? String.format(", %,d rows", rows) : "");
	}

	private static int vials() {
		return CHAIRS * VISITS_PER_CHAIR_PER_DAY * DAYS / VISITS_PER_VIAL;
	}

	/**
	 * Two years of stock and use in four statements: receipts, vials (left empty, as
	 * after their last visit), draws, and every vial's 38 entries in order (receipt;
	 * draw, administration and waste for each of 12 visits; the last 20 mg wasted from
	 * the vial), which the chain trigger checks row by row.
	 */
	private void seed(UUID clinic, LocalDate start) {
		int visitsPerDay = CHAIRS * VISITS_PER_CHAIR_PER_DAY;
		UUID product = UUID.randomUUID();
		UUID location = UUID.randomUUID();
		this.jdbc.sql("INSERT INTO ledger_locations VALUES (?, ?, 'Main safe', now())")
			.params(clinic, location)
			.update();
		this.jdbc.sql("""
				INSERT INTO ledger_products VALUES (?, ?, 'Ketamine HCl', '0409-2051-05', 50, 10, 'injection, solution',
				    now())
				""").params(clinic, product).update();
		String ids = """
				WITH p AS (SELECT ?::uuid AS clinic, ?::uuid AS product, ?::uuid AS location, ?::date AS start)
				""";
		this.jdbc
			.sql(ids + """
					INSERT INTO ledger_receipts
					SELECT p.clinic, md5(p.clinic || 'r' || r)::uuid, p.product, p.location, 'Acme Drug Distribution',
					       '1 Depot Road, Newark NJ', 'PB1234563', 'INV-' || r,
					       p.start + (r * :perReceipt * :perVial / :perDay), :perReceipt, gen_random_uuid(), 'Bench Admin', now()
					  FROM p, generate_series(0, :vials / :perReceipt) r
					"""
				.replace(":perReceipt", String.valueOf(VIALS_PER_RECEIPT))
				.replace(":perVial", String.valueOf(VISITS_PER_VIAL))
				.replace(":perDay", String.valueOf(visitsPerDay))
				.replace(":vials", String.valueOf(vials() - 1)))
			.params(clinic, product, location, start)
			.update();
		this.jdbc
			.sql(ids + """
					INSERT INTO ledger_vials
					SELECT p.clinic, md5(p.clinic || 'v' || v)::uuid, md5(p.clinic || 'r' || (v / :perReceipt))::uuid,
					       v % :perReceipt + 1, p.product, p.location, 'LOT' || (v / :perReceipt), p.start + 1000, 'EMPTY', 0, 0,
					       38, 38
					  FROM p, generate_series(0, :vials) v
					"""
				.replace(":perReceipt", String.valueOf(VIALS_PER_RECEIPT))
				.replace(":vials", String.valueOf(vials() - 1)))
			.params(clinic, product, location, start)
			.update();
		String visitTime = "(p.start + (i / :perDay)) + interval '8 hours' + ((i % :perDay) % 6) * interval '80 minutes'"
			.replace(":perDay", String.valueOf(visitsPerDay));
		this.jdbc.sql(ids + """
				INSERT INTO ledger_draws
				SELECT p.clinic, md5(p.clinic || 'd' || i)::uuid, md5(p.clinic || 'v' || (i / :perVial))::uuid,
				       md5(p.clinic || 'visit' || i)::uuid, md5(p.clinic || 'patient' || (i % 3000))::uuid,
				       40, 0.8, 36, 4, gen_random_uuid(), 'Bench Nurse', (VISIT_TIME) AT TIME ZONE 'America/New_York', 2
				  FROM p, generate_series(0, :visits) i
				""".replace("VISIT_TIME", visitTime)
			.replace(":perVial", String.valueOf(VISITS_PER_VIAL))
			.replace(":visits", String.valueOf(vials() * VISITS_PER_VIAL - 1)))
			.params(clinic, product, location, start)
			.update();
		String entryVisit = "(v * :perVial + (s - 2) / 3)".replace(":perVial", String.valueOf(VISITS_PER_VIAL));
		// In slices of vials, with statistics taken after the first, so that the chain
		// trigger's look-up of the
		// previous entry uses the index instead of scanning a table its plan still thinks
		// is empty.
		for (int first = 0, size = 50; first < vials(); first += size, size = 500) {
			insertEntries(ids, visitTime, entryVisit, first, Math.min(first + size, vials()) - 1, clinic, product,
					location, start);
			this.jdbc.sql("ANALYZE ledger_entries").update();
		}
	}

	private void insertEntries(String ids, String visitTime, String entryVisit, int firstVial, int lastVial,
			UUID clinic, UUID product, UUID location, LocalDate start) {
		int visitsPerDay = CHAIRS * VISITS_PER_CHAIR_PER_DAY;
		this.jdbc
			.sql(ids + """
					INSERT INTO ledger_entries (clinic_id, id, vial_id, vial_seq, entry_type, occurred_at, quantity_mg,
					    quantity_ml, balance_change_mg, balance_after_mg, balance_after_ml, recorded_by, recorded_by_name,
					    receipt_id, draw_id, visit_id, patient_id, method, witness_id, witness_name)
					SELECT p.clinic, gen_random_uuid(), md5(p.clinic || 'v' || v)::uuid, s, t.type,
					       CASE WHEN s = 1 THEN (p.start + (v * :perVial / :perDay)) + interval '7 hours'
					            ELSE (VISIT_TIME) + t.offset_minutes * interval '1 minute' END AT TIME ZONE 'America/New_York',
					       t.quantity, t.quantity / 50.0, t.change, t.after, t.after / 50.0, gen_random_uuid(),
					       CASE WHEN t.type = 'RECEIPT' THEN 'Bench Admin' ELSE 'Bench Nurse' END,
					       CASE WHEN s = 1 THEN md5(p.clinic || 'r' || (v / :perReceipt))::uuid END,
					       CASE WHEN s BETWEEN 2 AND 37 THEN md5(p.clinic || 'd' || i)::uuid END,
					       CASE WHEN s BETWEEN 2 AND 37 THEN md5(p.clinic || 'visit' || i)::uuid END,
					       CASE WHEN s BETWEEN 2 AND 37 THEN md5(p.clinic || 'patient' || (i % 3000))::uuid END,
					       CASE WHEN t.type = 'WASTE' THEN 'expelled into drug waste container' END,
					       CASE WHEN t.type = 'WASTE' THEN gen_random_uuid() END,
					       CASE WHEN t.type = 'WASTE' THEN 'Bench Witness' END
					  FROM p, generate_series(:firstVial, :lastVial) v, generate_series(1, 38) s,
					       LATERAL (SELECT least(ENTRY_VISIT, v * :perVial + :perVial - 1) AS i) visit,
					       LATERAL (SELECT
					           CASE WHEN s = 1 THEN 'RECEIPT' WHEN s = 38 THEN 'WASTE'
					                WHEN (s - 2) % 3 = 0 THEN 'DRAW' WHEN (s - 2) % 3 = 1 THEN 'ADMINISTERED' ELSE 'WASTE' END AS type,
					           CASE WHEN s = 1 THEN 500 WHEN s = 38 THEN 20
					                WHEN (s - 2) % 3 = 0 THEN 40 WHEN (s - 2) % 3 = 1 THEN 36 ELSE 4 END AS quantity,
					           CASE WHEN s = 1 THEN 500 WHEN s = 38 THEN -20 WHEN (s - 2) % 3 = 0 THEN -40 ELSE 0 END AS change,
					           CASE WHEN s = 1 THEN 500 WHEN s = 38 THEN 0 ELSE 500 - 40 * ((s - 2) / 3 + 1) END AS after,
					           CASE WHEN s = 38 THEN 60 WHEN (s - 2) % 3 = 1 THEN 40 WHEN (s - 2) % 3 = 2 THEN 45 ELSE 0 END
					               AS offset_minutes) t
					 ORDER BY v, s
					"""
				.replace("VISIT_TIME", visitTime)
				.replace("ENTRY_VISIT", entryVisit)
				.replace(":perVial", String.valueOf(VISITS_PER_VIAL))
				.replace(":perReceipt", String.valueOf(VIALS_PER_RECEIPT))
				.replace(":perDay", String.valueOf(visitsPerDay))
				.replace(":firstVial", String.valueOf(firstVial))
				.replace(":lastVial", String.valueOf(lastVial)))
			.params(clinic, product, location, start)
			.update();
	}

	@FunctionalInterface
	private interface Export {

		void to(OutputStream out) throws IOException;

	}

}
