package org.ketacare.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash that links each audit row to the one before it. A changed, removed or inserted
 * row breaks every hash after it, so tampering is seen by recomputing the chain.
 */
final class AuditChain {

	static final String GENESIS = "0".repeat(64);

	private AuditChain() {
	}

	/**
	 * SHA-256 over every field, each length-prefixed so that no two different rows hash
	 * the same text.
	 */
	static String hash(AuditEvent event) {
		StringBuilder text = new StringBuilder();
		append(text, event.clinicId());
		append(text, event.seq());
		append(text, event.occurredAt());
		append(text, event.actorId());
		append(text, event.actorUsername());
		append(text, event.actorRoles());
		append(text, event.action());
		append(text, event.targetType());
		append(text, event.targetId());
		append(text, event.patientId());
		append(text, event.sourceAddress());
		append(text, event.outcome());
		append(text, event.details());
		append(text, event.prevHash());
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(text.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	private static void append(StringBuilder text, Object value) {
		if (value == null) {
			text.append("-1:");
			return;
		}
		String string = value.toString();
		text.append(string.length()).append(':').append(string);
	}

}
