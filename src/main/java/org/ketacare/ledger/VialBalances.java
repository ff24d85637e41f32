package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.clinic.Signature;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place where a vial's balance, a draw's totals and a visit's account change.
 * Each posting locks the vial's row ({@code SELECT … FOR UPDATE}), so postings on one
 * vial take turns and each sees the balance the previous one left; it then applies
 * {@link LedgerRules}, writes the entry and moves the vial. Because the lock is taken
 * before anything is read, a concurrent draw cannot pass the balance and PostgreSQL's
 * default READ COMMITTED never raises a serialization failure here, so no retry loop is
 * needed. Locks are always taken in the order vial, visit, draw, so two postings cannot
 * deadlock.
 */
@Component
class VialBalances {

	/** Advisory lock class for "changing what was drawn for a visit". */
	private static final int VISIT_LOCK = 0x4C45_4447;

	private final JdbcClient jdbc;

	private final LedgerQueries queries;

	VialBalances(JdbcClient jdbc, LedgerQueries queries) {
		this.jdbc = jdbc;
		this.queries = queries;
	}

	/**
	 * Writes one entry and moves the vial, or changes nothing.
	 * @throws ConflictException when the rules refuse it, the visit is closed, or the
	 * idempotency key was used for another request
	 * @throws NotFoundException when the vial or draw is not the clinic's
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Posted post(Posting posting) {
		UUID clinicId = posting.by().clinicId();
		LockedVial vial = lockVial(clinicId, posting.vialId());
		if (posting.idempotencyKey() != null) {
			Optional<LedgerEntry> earlier = this.queries.entryByKey(clinicId, posting.idempotencyKey());
			if (earlier.isPresent()) {
				return replay(clinicId, posting, earlier.get());
			}
		}
		UUID visitId = posting.visitId();
		LockedDraw draw = null;
		if (posting.drawId() != null) {
			draw = lockDraw(clinicId, posting.drawId());
			if (!draw.vialId().equals(vial.id())) {
				throw new IllegalArgumentException("draw " + posting.drawId() + " is not from vial " + vial.id());
			}
			visitId = draw.visitId();
		}
		if (visitId != null) {
			lockVisit(clinicId, visitId);
			if (this.queries.visitClosed(clinicId, visitId)) {
				throw new ConflictException("Visit " + visitId
						+ " is closed: its ketamine is accounted for and nothing more can be drawn, given or wasted for it");
			}
		}
		if (draw != null) {
			String refusal = draw.account().refusal(posting.quantityMg(), posting.type());
			if (refusal != null) {
				throw new ConflictException("The draw from vial " + vial.label() + " " + refusal);
			}
		}
		LedgerRules.Decision decision = LedgerRules.decide(vial.state(), posting.type(), posting.changeMg(),
				posting.today());
		if (!decision.isAccepted()) {
			throw new ConflictException("Vial " + vial.label() + " " + decision.refusal());
		}
		UUID drawId = posting.drawId();
		if (posting.type() == EntryType.DRAW) {
			drawId = insertDraw(posting, vial);
		}
		else if (draw != null) {
			LedgerRules.DrawAccount after = draw.account().with(posting.type(), posting.quantityMg());
			this.jdbc.sql("""
					UPDATE ledger_draws SET administered_mg = ?, wasted_mg = ?, version = version + 1
					 WHERE clinic_id = ? AND id = ?
					""").params(after.administeredMg(), after.wastedMg(), clinicId, draw.id()).update();
		}
		UUID entryId = insertEntry(posting, vial, decision, drawId, visitId);
		UUID locationAfter = (posting.toLocationId() != null) ? posting.toLocationId() : vial.locationId();
		this.jdbc.sql("""
				UPDATE ledger_vials
				   SET balance_mg = ?, balance_ml = ?, status = ?, entry_count = entry_count + 1, location_id = ?,
				       version = version + 1
				 WHERE clinic_id = ? AND id = ?
				""")
			.params(decision.balanceAfterMg(),
					Quantities.millilitres(decision.balanceAfterMg(), vial.concentrationMgPerMl()),
					decision.statusAfter().name(), locationAfter, clinicId, vial.id())
			.update();
		return new Posted(this.queries.entry(clinicId, entryId), false);
	}

	private Posted replay(UUID clinicId, Posting posting, LedgerEntry earlier) {
		boolean same = earlier.vialId().equals(posting.vialId()) && earlier.type() == posting.type()
				&& earlier.quantityMg().compareTo(posting.quantityMg()) == 0
				&& (posting.drawId() == null || posting.drawId().equals(earlier.drawId()))
				&& (posting.visitId() == null || posting.visitId().equals(earlier.visitId()));
		if (!same) {
			throw new ConflictException("The idempotency key " + posting.idempotencyKey()
					+ " was already used for a different request; use a new key for a new request");
		}
		return new Posted(earlier, true);
	}

	private LockedVial lockVial(UUID clinicId, UUID vialId) {
		return this.jdbc.sql("""
				SELECT v.id, v.lot, v.container_no, v.status, v.expiry, v.balance_mg, v.entry_count, v.location_id,
				       p.concentration_mg_per_ml
				  FROM ledger_vials v JOIN ledger_products p ON p.clinic_id = v.clinic_id AND p.id = v.product_id
				 WHERE v.clinic_id = ? AND v.id = ?
				   FOR UPDATE OF v
				""")
			.params(clinicId, vialId)
			.query((rs, row) -> new LockedVial(rs.getObject("id", UUID.class),
					"lot " + rs.getString("lot") + " #" + rs.getInt("container_no"),
					new LedgerRules.VialState(rs.getBigDecimal("balance_mg"),
							VialStatus.valueOf(rs.getString("status")), rs.getObject("expiry", LocalDate.class),
							rs.getInt("entry_count")),
					rs.getObject("location_id", UUID.class), rs.getBigDecimal("concentration_mg_per_ml")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Vial " + vialId));
	}

	private LockedDraw lockDraw(UUID clinicId, UUID drawId) {
		return this.jdbc.sql("""
				SELECT id, vial_id, visit_id, patient_id, drawn_mg, administered_mg, wasted_mg
				  FROM ledger_draws WHERE clinic_id = ? AND id = ? FOR UPDATE
				""")
			.params(clinicId, drawId)
			.query((rs, row) -> new LockedDraw(rs.getObject("id", UUID.class), rs.getObject("vial_id", UUID.class),
					rs.getObject("visit_id", UUID.class),
					new LedgerRules.DrawAccount(rs.getBigDecimal("drawn_mg"), rs.getBigDecimal("administered_mg"),
							rs.getBigDecimal("wasted_mg"))))
			.optional()
			.orElseThrow(() -> new NotFoundException("Draw " + drawId));
	}

	/** Serializes changes of one visit's draws with closing the visit. */
	void lockVisit(UUID clinicId, UUID visitId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))")
			.params(VISIT_LOCK, clinicId + "/" + visitId)
			.query((rs, row) -> 0)
			.list();
	}

	private UUID insertDraw(Posting posting, LockedVial vial) {
		UUID drawId = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO ledger_draws (clinic_id, id, vial_id, visit_id, patient_id, drawn_mg, drawn_ml, drawn_by,
				    drawn_by_name, drawn_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(posting.by().clinicId(), drawId, vial.id(), posting.visitId(), posting.patientId(),
					posting.quantityMg(), Quantities.millilitres(posting.quantityMg(), vial.concentrationMgPerMl()),
					posting.by().staffId(), posting.by().displayName(), Timestamps.of(posting.at()))
			.update();
		return drawId;
	}

	private UUID insertEntry(Posting posting, LockedVial vial, LedgerRules.Decision decision, UUID drawId,
			UUID visitId) {
		UUID entryId = UUID.randomUUID();
		Signature witness = posting.witness();
		Signature secondWitness = posting.secondWitness();
		try {
			this.jdbc.sql("""
					INSERT INTO ledger_entries (clinic_id, id, vial_id, vial_seq, entry_type, occurred_at, quantity_mg,
					    quantity_ml, balance_change_mg, balance_after_mg, balance_after_ml, recorded_by,
					    recorded_by_name, signature_meaning, receipt_id, draw_id, visit_id, patient_id, discrepancy_id,
					    from_location_id, to_location_id, method, reason, counterparty_name, counterparty_dea,
					    witness_id, witness_name, witness2_id, witness2_name, idempotency_key)
					VALUES (:clinic, :id, :vial, :seq, :type, :at, :mg, :ml, :change, :after, :afterMl, :by, :byName,
					    :meaning, :receipt, :draw, :visit, :patient, :discrepancy, :from, :to, :method, :reason,
					    :counterparty, :counterpartyDea, :witness, :witnessName, :witness2, :witness2Name, :key)
					""")
				.param("clinic", posting.by().clinicId())
				.param("id", entryId)
				.param("vial", vial.id())
				.param("seq", vial.state().entryCount() + 1)
				.param("type", posting.type().name())
				.param("at", Timestamps.of(posting.at()))
				.param("mg", posting.quantityMg())
				.param("ml", Quantities.millilitres(posting.quantityMg(), vial.concentrationMgPerMl()))
				.param("change", posting.changeMg())
				.param("after", decision.balanceAfterMg())
				.param("afterMl", Quantities.millilitres(decision.balanceAfterMg(), vial.concentrationMgPerMl()))
				.param("by", posting.by().staffId())
				.param("byName", posting.by().displayName())
				.param("meaning", posting.signatureMeaning(), java.sql.Types.VARCHAR)
				.param("receipt", posting.receiptId(), java.sql.Types.OTHER)
				.param("draw", drawId, java.sql.Types.OTHER)
				.param("visit", visitId, java.sql.Types.OTHER)
				.param("patient", posting.patientId(), java.sql.Types.OTHER)
				.param("discrepancy", posting.discrepancyId(), java.sql.Types.OTHER)
				.param("from", (posting.toLocationId() != null) ? vial.locationId() : null, java.sql.Types.OTHER)
				.param("to", posting.toLocationId(), java.sql.Types.OTHER)
				.param("method", posting.method(), java.sql.Types.VARCHAR)
				.param("reason", posting.reason(), java.sql.Types.VARCHAR)
				.param("counterparty", posting.counterpartyName(), java.sql.Types.VARCHAR)
				.param("counterpartyDea", posting.counterpartyDea(), java.sql.Types.VARCHAR)
				.param("witness", (witness != null) ? witness.signerId() : null, java.sql.Types.OTHER)
				.param("witnessName", (witness != null) ? witness.signerName() : null, java.sql.Types.VARCHAR)
				.param("witness2", (secondWitness != null) ? secondWitness.signerId() : null, java.sql.Types.OTHER)
				.param("witness2Name", (secondWitness != null) ? secondWitness.signerName() : null,
						java.sql.Types.VARCHAR)
				.param("key", posting.idempotencyKey(), java.sql.Types.VARCHAR)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Only the idempotency key can clash: the same key sent for another vial at
			// the same time.
			throw new ConflictException("The idempotency key " + posting.idempotencyKey()
					+ " was already used for a different request; use a new key for a new request");
		}
		return entryId;
	}

	/**
	 * One entry to write. Optional parts are {@code null}.
	 *
	 * @param quantityMg what the entry is about, positive
	 * @param changeMg its effect on the vial's balance
	 * @param today the clinic's date, for expiry
	 */
	record Posting(StaffPrincipal by, Instant at, LocalDate today, UUID vialId, EntryType type, BigDecimal quantityMg,
			BigDecimal changeMg, UUID drawId, UUID visitId, UUID patientId, UUID receiptId, UUID discrepancyId,
			UUID toLocationId, String method, String reason, String counterpartyName, String counterpartyDea,
			String signatureMeaning, Signature witness, Signature secondWitness, String idempotencyKey) {

		Posting {
			Objects.requireNonNull(by);
			Objects.requireNonNull(at);
			Objects.requireNonNull(today);
			Objects.requireNonNull(vialId);
			Objects.requireNonNull(type);
			Objects.requireNonNull(quantityMg);
			Objects.requireNonNull(changeMg);
		}

		static Posting of(StaffPrincipal by, Instant at, LocalDate today, UUID vialId, EntryType type,
				BigDecimal quantityMg, BigDecimal changeMg) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, null, null, null, null, null, null,
					null, null, null, null, null, null, null, null);
		}

		Posting draw(UUID drawId) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, drawId, visitId, patientId, receiptId,
					discrepancyId, toLocationId, method, reason, counterpartyName, counterpartyDea, signatureMeaning,
					witness, secondWitness, idempotencyKey);
		}

		Posting visit(UUID visitId, UUID patientId) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, drawId, visitId, patientId, receiptId,
					discrepancyId, toLocationId, method, reason, counterpartyName, counterpartyDea, signatureMeaning,
					witness, secondWitness, idempotencyKey);
		}

		Posting receipt(UUID receiptId) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, drawId, visitId, patientId, receiptId,
					discrepancyId, toLocationId, method, reason, counterpartyName, counterpartyDea, signatureMeaning,
					witness, secondWitness, idempotencyKey);
		}

		Posting discrepancy(UUID discrepancyId) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, drawId, visitId, patientId, receiptId,
					discrepancyId, toLocationId, method, reason, counterpartyName, counterpartyDea, signatureMeaning,
					witness, secondWitness, idempotencyKey);
		}

		Posting movedTo(UUID locationId) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, drawId, visitId, patientId, receiptId,
					discrepancyId, locationId, method, reason, counterpartyName, counterpartyDea, signatureMeaning,
					witness, secondWitness, idempotencyKey);
		}

		Posting how(String method, String reason) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, drawId, visitId, patientId, receiptId,
					discrepancyId, toLocationId, method, reason, counterpartyName, counterpartyDea, signatureMeaning,
					witness, secondWitness, idempotencyKey);
		}

		Posting counterparty(String name, String dea) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, drawId, visitId, patientId, receiptId,
					discrepancyId, toLocationId, method, reason, name, dea, signatureMeaning, witness, secondWitness,
					idempotencyKey);
		}

		Posting signed(String meaning, Signature witness, Signature secondWitness) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, drawId, visitId, patientId, receiptId,
					discrepancyId, toLocationId, method, reason, counterpartyName, counterpartyDea, meaning, witness,
					secondWitness, idempotencyKey);
		}

		Posting key(String idempotencyKey) {
			return new Posting(by, at, today, vialId, type, quantityMg, changeMg, drawId, visitId, patientId, receiptId,
					discrepancyId, toLocationId, method, reason, counterpartyName, counterpartyDea, signatureMeaning,
					witness, secondWitness, idempotencyKey);
		}

	}

	/**
	 * The entry written, or the one an earlier request with the same idempotency key
	 * wrote.
	 */
	record Posted(LedgerEntry entry, boolean replayed) {
	}

	private record LockedVial(UUID id, String label, LedgerRules.VialState state, UUID locationId,
			BigDecimal concentrationMgPerMl) {
	}

	private record LockedDraw(UUID id, UUID vialId, UUID visitId, LedgerRules.DrawAccount account) {
	}

}
