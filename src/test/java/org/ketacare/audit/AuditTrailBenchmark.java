package org.ketacare.audit;

import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.clinic.Clinic;
import org.ketacare.clinic.Clinics;
import org.ketacare.platform.AuditRecord;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How fast the audit trail takes rows and verifies its chain. Run with
 * {@code ./mvnw -Pbench verify}; prints figures and asserts nothing about time.
 */
@KetaCareIntegrationTest
class AuditTrailBenchmark {

	private static final int ROWS = 20_000;

	private static final int THREADS = 8;

	@Autowired
	AuditTrail audit;

	@Autowired
	Clinics clinics;

	@Autowired
	JdbcClient jdbc;

	@Test
	void appendAndVerify() throws Exception {
		Clinic clinic = this.clinics.create("bench-" + UUID.randomUUID().toString().substring(0, 8), "Benchmark",
				"UTC");
		AuditRecord.Actor actor = new AuditRecord.Actor(clinic.id(), UUID.randomUUID(), "bench.nurse", "NURSE");
		long[] latencies = new long[ROWS];
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		long start = System.nanoTime();
		for (int i = 0; i < ROWS; i++) {
			int row = i;
			pool.submit(() -> {
				long begin = System.nanoTime();
				this.audit.record(AuditRecord.success("PATIENT_VIEWED")
					.target("patient", row)
					.patient(UUID.randomUUID())
					.details("benchmark row " + row)
					.asActor(actor));
				latencies[row] = System.nanoTime() - begin;
			});
		}
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.MINUTES);
		double seconds = (System.nanoTime() - start) / 1e9;
		Arrays.sort(latencies);
		System.out.printf(
				"%nAUDIT BENCHMARK: %d rows appended to one clinic's chain by %d threads in %.1f s = %.0f rows/s;"
						+ " latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
				ROWS, THREADS, seconds, ROWS / seconds, latencies[ROWS / 2] / 1e6, latencies[ROWS * 95 / 100] / 1e6,
				latencies[ROWS * 99 / 100] / 1e6);
		long verifyStart = System.nanoTime();
		ChainVerification result = this.audit.verify(clinic.id());
		double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
		System.out.printf("AUDIT BENCHMARK: verified %d rows (intact: %s) in %.2f s = %.0f rows/s%n%n",
				result.rowsChecked(), result.intact(), verifySeconds, result.rowsChecked() / verifySeconds);
		this.jdbc.sql("ANALYZE audit_events").update();
		explain("newest first", "", clinic.id());
		explain("by user", " AND actor_username = 'bench.nurse'", clinic.id());
		explain("by action", " AND action = 'PATIENT_VIEWED'", clinic.id());
	}

	private void explain(String label, String condition, UUID clinicId) {
		String plan = String.join("\n",
				this.jdbc
					.sql("EXPLAIN ANALYZE SELECT * FROM audit_events WHERE clinic_id = ?" + condition
							+ " ORDER BY occurred_at DESC, seq DESC LIMIT 51")
					.param(clinicId)
					.query(String.class)
					.list());
		System.out.printf("AUDIT BENCHMARK: plan of the audit page query (%s):%n%s%n", label, plan);
	}

}
