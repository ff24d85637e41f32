package org.ketacare.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.ketacare.clinic.Signature;
import org.ketacare.clinic.Signatures;
import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a clinic administrator does with stock besides receiving it: locations,
 * quarantine, moving vials between safes, on-site destruction with two witnesses and
 * returns to a reverse distributor.
 */
@Service
class StockAdministration {

	static final Set<Role> STOCK_WITNESSES = Set.of(Role.NURSE, Role.PHYSICIAN, Role.CLINIC_ADMIN);

	static final String DESTRUCTION_MEANING = "Destroyed controlled substance on site";

	static final String RETURN_MEANING = "Returned controlled substance to a reverse distributor";

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final LedgerQueries queries;

	private final VialBalances balances;

	private final Signatures signatures;

	private final AuditLog audit;

	private final Clock clock;

	StockAdministration(JdbcClient jdbc, Ledger ledger, LedgerQueries queries, VialBalances balances,
			Signatures signatures, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.queries = queries;
		this.balances = balances;
		this.signatures = signatures;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	UUID addLocation(StaffPrincipal admin, String name) {
		Ledger.requireRole(admin, "Adding a storage location", Role.CLINIC_ADMIN);
		FieldErrors errors = new FieldErrors();
		String wanted = errors.text("name", name, 100);
		errors.throwIfAny();
		if (this.queries.locations(admin.clinicId())
			.stream()
			.anyMatch((location) -> location.name().equalsIgnoreCase(wanted))) {
			throw new InvalidInputException("name", "is already a location of this clinic");
		}
		return this.ledger.addLocation(admin, wanted);
	}

	/** Takes a vial out of use (or back into it); the reason stays on record. */
	@Transactional
	Vial hold(StaffPrincipal admin, UUID vialId, boolean quarantine, String reason) {
		Ledger.requireRole(admin, "Quarantining stock", Role.CLINIC_ADMIN);
		FieldErrors errors = new FieldErrors();
		String why = errors.text("reason", reason, 1000);
		errors.throwIfAny();
		VialStatus status = this.jdbc.sql("SELECT status FROM ledger_vials WHERE clinic_id = ? AND id = ? FOR UPDATE")
			.params(admin.clinicId(), vialId)
			.query((rs, row) -> VialStatus.valueOf(rs.getString("status")))
			.optional()
			.orElseThrow(() -> new org.ketacare.platform.NotFoundException("Vial " + vialId));
		VialStatus from = quarantine ? VialStatus.IN_STOCK : VialStatus.QUARANTINED;
		if (status != from) {
			throw new ConflictException("The vial is " + status.label().toLowerCase() + "; only a vial "
					+ from.label().toLowerCase() + " can be " + (quarantine ? "quarantined" : "released"));
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("UPDATE ledger_vials SET status = ?, version = version + 1 WHERE clinic_id = ? AND id = ?")
			.params((quarantine ? VialStatus.QUARANTINED : VialStatus.IN_STOCK).name(), admin.clinicId(), vialId)
			.update();
		this.jdbc.sql("""
				INSERT INTO ledger_vial_holds (clinic_id, id, vial_id, action, reason, by_id, by_name, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(admin.clinicId(), UUID.randomUUID(), vialId, quarantine ? "QUARANTINE" : "RELEASE", why,
					admin.staffId(), admin.displayName(), Timestamps.of(now))
			.update();
		this.audit.record(admin,
				AuditRecord.success(quarantine ? "LEDGER_VIAL_QUARANTINED" : "LEDGER_VIAL_RELEASED")
					.target("vial", vialId)
					.details(why));
		return this.queries.vial(admin.clinicId(), vialId);
	}

	@Transactional
	LedgerEntry transfer(StaffPrincipal admin, UUID vialId, UUID toLocationId) {
		Ledger.requireRole(admin, "Moving stock", Role.CLINIC_ADMIN);
		if (toLocationId == null || this.queries.locations(admin.clinicId())
			.stream()
			.noneMatch((location) -> location.id().equals(toLocationId))) {
			throw new InvalidInputException("toLocationId", "must be a location of this clinic");
		}
		Vial vial = this.queries.vial(admin.clinicId(), vialId);
		if (vial.locationId().equals(toLocationId)) {
			throw new InvalidInputException("toLocationId", "is where the vial already is");
		}
		LedgerEntry entry = this.balances
			.post(VialBalances.Posting.of(admin, this.clock.instant(), this.ledger.today(admin), vialId,
					EntryType.TRANSFER, vial.balanceMg(), java.math.BigDecimal.ZERO)
				.movedTo(toLocationId))
			.entry();
		this.audit.record(admin, AuditRecord.success("LEDGER_TRANSFER").target("vial", vialId));
		return entry;
	}

	/**
	 * Destroys what is left in a vial on site (DEA Form 41): the administrator signs, and
	 * two other people witness.
	 */
	@Transactional
	LedgerEntry destroy(StaffPrincipal admin, UUID vialId, String method, String password, String witnessUsername,
			String witnessPassword, String secondWitnessUsername, String secondWitnessPassword) {
		Ledger.requireRole(admin, "Destroying stock", Role.CLINIC_ADMIN);
		FieldErrors errors = new FieldErrors();
		String how = errors.text("method", method, 200);
		errors.throwIfAny();
		Vial vial = requireContents(admin, vialId, "destroy");
		Signature signature = this.signatures.sign(admin, password, DESTRUCTION_MEANING, Set.of(Role.CLINIC_ADMIN));
		Signature witness = this.signatures.witness(admin, witnessUsername, witnessPassword, "Witnessed destruction",
				STOCK_WITNESSES);
		Signature secondWitness;
		try {
			secondWitness = this.signatures.witness(admin, secondWitnessUsername, secondWitnessPassword,
					"Witnessed destruction", STOCK_WITNESSES);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(ex.errors()
				.stream()
				.map((error) -> new InvalidInputException.FieldError(
						"second" + Character.toUpperCase(error.field().charAt(0)) + error.field().substring(1),
						error.message()))
				.toList());
		}
		if (witness.signerId().equals(secondWitness.signerId())) {
			throw new RuleViolationException("The two witnesses of a destruction must be two different people");
		}
		LedgerEntry entry = this.balances
			.post(VialBalances.Posting
				.of(admin, this.clock.instant(), this.ledger.today(admin), vialId, EntryType.DESTRUCTION,
						vial.balanceMg(), vial.balanceMg().negate())
				.how(how, null)
				.signed(signature.meaning(), witness, secondWitness))
			.entry();
		this.audit.record(admin,
				AuditRecord.success("LEDGER_DESTRUCTION")
					.target("vial", vialId)
					.details(Quantities.mg(vial.balanceMg()) + " destroyed (" + how + "), witnessed by "
							+ witness.signerName() + " and " + secondWitness.signerName()));
		return entry;
	}

	/**
	 * Sends what is left in a vial back to a reverse distributor, signed by the
	 * administrator.
	 */
	@Transactional
	LedgerEntry returnToDistributor(StaffPrincipal admin, UUID vialId, String distributorName, String distributorDea,
			String password) {
		Ledger.requireRole(admin, "Returning stock", Role.CLINIC_ADMIN);
		FieldErrors errors = new FieldErrors();
		String name = errors.text("distributorName", distributorName, 200);
		String dea = DeaNumbers.normalise(distributorDea);
		String deaProblem = DeaNumbers.problem(dea);
		if (deaProblem != null) {
			errors.add("distributorDea", deaProblem);
		}
		errors.throwIfAny();
		Vial vial = requireContents(admin, vialId, "return");
		Signature signature = this.signatures.sign(admin, password, RETURN_MEANING, Set.of(Role.CLINIC_ADMIN));
		LedgerEntry entry = this.balances
			.post(VialBalances.Posting
				.of(admin, this.clock.instant(), this.ledger.today(admin), vialId, EntryType.RETURN, vial.balanceMg(),
						vial.balanceMg().negate())
				.counterparty(name, dea)
				.signed(signature.meaning(), null, null))
			.entry();
		this.audit.record(admin,
				AuditRecord.success("LEDGER_RETURN")
					.target("vial", vialId)
					.details(Quantities.mg(vial.balanceMg()) + " returned to " + name + " (" + dea + ")"));
		return entry;
	}

	private Vial requireContents(StaffPrincipal admin, UUID vialId, String verb) {
		Vial vial = this.queries.vial(admin.clinicId(), vialId);
		if (!vial.status().onHand() || vial.balanceMg().signum() == 0) {
			throw new ConflictException("Vial " + vial.label() + " is " + vial.status().label().toLowerCase()
					+ "; there is nothing to " + verb);
		}
		return vial;
	}

}
