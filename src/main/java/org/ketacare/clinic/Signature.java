package org.ketacare.clinic;

import java.time.Instant;
import java.util.UUID;

/**
 * An electronic signature: who signed, when, and what the signature means ("Approved",
 * "Witnessed waste"). Made only by {@link Signatures}, after the signer gave their
 * password again.
 */
public record Signature(UUID signerId, String signerName, Instant signedAt, String meaning) {
}
