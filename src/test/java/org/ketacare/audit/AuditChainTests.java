package org.ketacare.audit;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.platform.AuditOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTests {

	private final AuditEvent event = new AuditEvent(UUID.randomUUID(), 7, Instant.parse("2026-03-02T13:30:00.123456Z"),
			UUID.randomUUID(), "nurse.main", "NURSE", "PATIENT_READ", "patient", "42", UUID.randomUUID(), "10.0.0.1",
			AuditOutcome.SUCCESS, "opened the chart", AuditChain.GENESIS, null);

	@Test
	void theHashIsStableForTheSameContent() {
		assertThat(AuditChain.hash(this.event)).isEqualTo(AuditChain.hash(this.event)).hasSize(64);
	}

	@Test
	void everyFieldTakesPartInTheHash() {
		String original = AuditChain.hash(this.event);
		assertThat(AuditChain.hash(copy("details", "opened the chart."))).isNotEqualTo(original);
		assertThat(AuditChain.hash(copy("username", "nurse.north"))).isNotEqualTo(original);
		assertThat(AuditChain.hash(copy("prev", "1".repeat(64)))).isNotEqualTo(original);
	}

	@Test
	void movingTextBetweenFieldsChangesTheHash() {
		AuditEvent a = new AuditEvent(this.event.clinicId(), 1, this.event.occurredAt(), null, "ab", "c", "X", null,
				null, null, null, AuditOutcome.SUCCESS, null, AuditChain.GENESIS, null);
		AuditEvent b = new AuditEvent(this.event.clinicId(), 1, this.event.occurredAt(), null, "a", "bc", "X", null,
				null, null, null, AuditOutcome.SUCCESS, null, AuditChain.GENESIS, null);
		assertThat(AuditChain.hash(a)).isNotEqualTo(AuditChain.hash(b));
	}

	@Test
	void aMissingValueDiffersFromAnEmptyOne() {
		assertThat(AuditChain.hash(copy("details", ""))).isNotEqualTo(AuditChain.hash(copy("details", null)));
	}

	private AuditEvent copy(String field, String value) {
		AuditEvent e = this.event;
		return new AuditEvent(e.clinicId(), e.seq(), e.occurredAt(), e.actorId(),
				field.equals("username") ? value : e.actorUsername(), e.actorRoles(), e.action(), e.targetType(),
				e.targetId(), e.patientId(), e.sourceAddress(), e.outcome(),
				field.equals("details") ? value : e.details(), field.equals("prev") ? value : e.prevHash(), null);
	}

}
