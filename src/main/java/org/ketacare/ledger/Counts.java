package org.ketacare.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ketacare.clinic.ClinicSettings;
import org.ketacare.clinic.Signature;
import org.ketacare.clinic.Signatures;
import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.ConflictException;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts by two people, the discrepancies they find and how those are resolved, and
 * inventories. A count compares what is physically in each vial on hand with the recorded
 * balance; each difference is a discrepancy, and one above the clinic's threshold (a
 * shortfall) is a possible significant loss with two DEA deadlines.
 */
@Service
class Counts {

	static final Set<Role> COUNTERS = Set.of(Role.NURSE, Role.PHYSICIAN, Role.CLINIC_ADMIN);

	static final String COUNTER_MEANING = "Counted controlled substances";

	static final String WITNESS_MEANING = "Witnessed the count";

	static final String RESOLUTION_MEANING = "Resolved a count discrepancy";

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final LedgerQueries queries;

	private final VialBalances balances;

	private final Signatures signatures;

	private final ClinicSettings settings;

	private final AuditLog audit;

	private final Clock clock;

	Counts(JdbcClient jdbc, Ledger ledger, LedgerQueries queries, VialBalances balances, Signatures signatures,
			ClinicSettings settings, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.queries = queries;
		this.balances = balances;
		this.signatures = signatures;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a count signed by the counter and a witness; an inventory when
	 * {@code inventory} is given.
	 * @param physicalMl what was found in each vial on hand, by vial id; every vial on
	 * hand must be counted
	 * @throws InvalidInputException naming each vial not counted, each bad quantity, or a
	 * wrong password
	 */
	@Transactional
	CountResult record(StaffPrincipal counter, CountKind kind, Map<UUID, String> physicalMl, String password,
			String witnessUsername, String witnessPassword, InventoryHeader inventory) {
		Ledger.requireRole(counter, "Counting controlled substances", Role.NURSE, Role.PHYSICIAN, Role.CLINIC_ADMIN);
		FieldErrors errors = new FieldErrors();
		if (kind == null && inventory == null) {
			errors.add("kind", "is required");
		}
		if (inventory != null) {
			inventory.check(errors, this.ledger.today(counter));
		}
		List<Vial> onHand = this.queries.vialsOnHand(counter.clinicId());
		Set<UUID> onHandIds = new HashSet<>();
		Map<UUID, BigDecimal> counted = new java.util.HashMap<>();
		for (Vial vial : onHand) {
			onHandIds.add(vial.id());
			String field = "physicalMl[" + vial.id() + "]";
			String text = physicalMl.get(vial.id());
			BigDecimal ml = errors.check(() -> Quantities.parse(field, text));
			if (ml != null) {
				if (ml.signum() < 0 || ml.stripTrailingZeros().scale() > Quantities.SCALE) {
					errors.add(field, "must be 0 or more mL with at most 3 decimal places");
				}
				else if (ml.compareTo(vial.containerMl()) > 0) {
					errors.add(field, "must be at most the container's " + Quantities.ml(vial.containerMl()));
				}
				else {
					counted.put(vial.id(), ml);
				}
			}
		}
		physicalMl.keySet()
			.stream()
			.filter((id) -> !onHandIds.contains(id))
			.forEach((id) -> errors.add("physicalMl[" + id + "]", "is not a vial on hand"));
		if (onHand.isEmpty() && inventory == null) {
			errors.add("kind", "there are no vials on hand to count");
		}
		errors.throwIfAny();
		Signature counterSignature = this.signatures.sign(counter, password, COUNTER_MEANING, COUNTERS);
		Signature witness = this.signatures.witness(counter, witnessUsername, witnessPassword, WITNESS_MEANING,
				COUNTERS);
		UUID countId = UUID.randomUUID();
		Instant now = this.clock.instant();
		LocalDate today = this.ledger.today(counter);
		this.jdbc.sql("""
				INSERT INTO ledger_counts (clinic_id, id, kind, counted_at, counted_by, counted_by_name,
				    counter_meaning, witness_id, witness_name, witness_meaning, witnessed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(counter.clinicId(), countId, (inventory != null) ? "INVENTORY" : kind.name(), Timestamps.of(now),
					counter.staffId(), counter.displayName(), counterSignature.meaning(), witness.signerId(),
					witness.signerName(), witness.meaning(), Timestamps.of(witness.signedAt()))
			.update();
		// The recorded balances are read under a share lock, in a fixed order, so that no
		// draw slips between
		// reading a balance and comparing it.
		Map<UUID, BigDecimal> recorded = new java.util.HashMap<>();
		this.jdbc.sql("""
				SELECT id, balance_mg FROM ledger_vials
				 WHERE clinic_id = ? AND status IN ('IN_STOCK', 'QUARANTINED') ORDER BY id FOR SHARE
				""")
			.param(counter.clinicId())
			.query((rs, row) -> recorded.put(rs.getObject("id", UUID.class), rs.getBigDecimal("balance_mg")))
			.list();
		BigDecimal threshold = this.settings.decimal(counter.clinicId(), LedgerSettings.POSSIBLE_LOSS_THRESHOLD_MG);
		int noticeDays = this.settings.integer(counter.clinicId(), LedgerSettings.LOSS_NOTICE_BUSINESS_DAYS);
		int form106Days = this.settings.integer(counter.clinicId(), LedgerSettings.FORM_106_DAYS);
		int discrepancies = 0;
		int possibleLosses = 0;
		for (Vial vial : onHand) {
			BigDecimal recordedMg = recorded.get(vial.id());
			if (recordedMg == null) {
				throw new ConflictException(
						"Vial " + vial.label() + " left the stock while it was being counted; " + "count again");
			}
			BigDecimal physicalMg = Quantities.milligrams(counted.get(vial.id()), vial.concentrationMgPerMl());
			BigDecimal difference = physicalMg.subtract(recordedMg);
			this.jdbc.sql("""
					INSERT INTO ledger_count_lines (clinic_id, count_id, vial_id, recorded_mg, physical_ml,
					    physical_mg, difference_mg)
					VALUES (?, ?, ?, ?, ?, ?, ?)
					""")
				.params(counter.clinicId(), countId, vial.id(), recordedMg, counted.get(vial.id()), physicalMg,
						difference)
				.update();
			if (difference.signum() != 0) {
				boolean possibleLoss = difference.negate().compareTo(threshold) > 0;
				this.jdbc.sql("""
						INSERT INTO ledger_discrepancies (clinic_id, id, count_id, vial_id, found_at, recorded_mg,
						    physical_mg, difference_mg, possible_loss, notice_due_on, form106_due_on, status)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')
						""")
					.params(counter.clinicId(), UUID.randomUUID(), countId, vial.id(), Timestamps.of(now), recordedMg,
							physicalMg, difference, possibleLoss,
							possibleLoss ? addBusinessDays(today, noticeDays) : null,
							possibleLoss ? today.plusDays(form106Days) : null)
					.update();
				discrepancies++;
				possibleLosses += possibleLoss ? 1 : 0;
			}
		}
		UUID inventoryId = null;
		if (inventory != null) {
			inventoryId = UUID.randomUUID();
			boolean first = this.jdbc.sql("SELECT count(*) FROM ledger_inventories WHERE clinic_id = ?")
				.param(counter.clinicId())
				.query(Long.class)
				.single() == 0;
			this.jdbc.sql("""
					INSERT INTO ledger_inventories (clinic_id, id, count_id, kind, taken_on, time_of_day,
					    registrant_name, registrant_address, registrant_dea)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(counter.clinicId(), inventoryId, countId, first ? "INITIAL" : "PERIODIC", inventory.takenOn(),
						inventory.timeOfDay().name(), inventory.registrantName().strip(),
						inventory.registrantAddress().strip(), DeaNumbers.normalise(inventory.registrantDea()))
				.update();
		}
		this.audit.record(counter,
				AuditRecord.success((inventory != null) ? "LEDGER_INVENTORY" : "LEDGER_COUNT")
					.target("ledger-count", countId)
					.details(onHand.size() + " vials counted, witnessed by " + witness.signerName() + "; "
							+ discrepancies + " discrepancies, " + possibleLosses + " possible losses"));
		return new CountResult(countId, inventoryId, onHand.size(), discrepancies, possibleLosses);
	}

	@Transactional(readOnly = true)
	List<Discrepancy> discrepancies(UUID clinicId, boolean openOnly) {
		return this.jdbc
			.sql(DISCREPANCY_SELECT + " WHERE d.clinic_id = ?" + (openOnly ? " AND d.status = 'OPEN'" : "")
					+ " ORDER BY d.status DESC, d.found_at DESC LIMIT 500")
			.param(clinicId)
			.query(Counts::discrepancy)
			.list();
	}

	@Transactional(readOnly = true)
	Discrepancy discrepancy(UUID clinicId, UUID discrepancyId) {
		return this.jdbc.sql(DISCREPANCY_SELECT + " WHERE d.clinic_id = ? AND d.id = ?")
			.params(clinicId, discrepancyId)
			.query(Counts::discrepancy)
			.optional()
			.orElseThrow(() -> new NotFoundException("Discrepancy " + discrepancyId));
	}

	/**
	 * Resolves an open discrepancy with a reason, signed by a clinic administrator: the
	 * recorded balance is adjusted to what was counted, the shortfall is recorded as a
	 * loss, or a recount showed the record was right.
	 */
	@Transactional
	Discrepancy resolve(StaffPrincipal admin, UUID discrepancyId, Resolution resolution, String reason, String password,
			int version) {
		Ledger.requireRole(admin, "Resolving a discrepancy", Role.CLINIC_ADMIN);
		Discrepancy discrepancy = discrepancy(admin.clinicId(), discrepancyId);
		FieldErrors errors = new FieldErrors();
		if (resolution == null) {
			errors.add("resolution", "is required");
		}
		else if (resolution == Resolution.LOSS && discrepancy.differenceMg().signum() > 0) {
			errors.add("resolution", "cannot be a loss: more was counted than recorded");
		}
		String why = errors.text("reason", reason, 2000);
		errors.throwIfAny();
		if (discrepancy.status() != DiscrepancyStatus.OPEN || discrepancy.version() != version) {
			throw new ConflictException("This discrepancy was changed by someone else; reload it");
		}
		Signature signature = this.signatures.sign(admin, password, RESOLUTION_MEANING, Set.of(Role.CLINIC_ADMIN));
		UUID entryId = null;
		if (resolution != Resolution.NO_CHANGE) {
			EntryType type = (resolution == Resolution.LOSS) ? EntryType.LOSS : EntryType.ADJUSTMENT;
			entryId = this.balances
				.post(VialBalances.Posting
					.of(admin, this.clock.instant(), this.ledger.today(admin), discrepancy.vialId(), type,
							discrepancy.differenceMg().abs(), discrepancy.differenceMg())
					.discrepancy(discrepancyId)
					.how(null, why)
					.signed(signature.meaning(), null, null))
				.entry()
				.id();
		}
		int updated = this.jdbc
			.sql("""
					UPDATE ledger_discrepancies
					   SET status = 'RESOLVED', resolution = ?, resolution_reason = ?, resolved_by = ?, resolved_by_name = ?,
					       resolution_meaning = ?, resolved_at = ?, resolution_entry_id = ?, version = version + 1
					 WHERE clinic_id = ? AND id = ? AND status = 'OPEN' AND version = ?
					""")
			.params(resolution.name(), why, admin.staffId(), signature.signerName(), signature.meaning(),
					Timestamps.of(signature.signedAt()), entryId, admin.clinicId(), discrepancyId, version)
			.update();
		if (updated != 1) {
			throw new ConflictException("This discrepancy was changed by someone else; reload it");
		}
		this.audit.record(admin,
				AuditRecord.success("LEDGER_DISCREPANCY_RESOLVED")
					.target("ledger-discrepancy", discrepancyId)
					.details(resolution + ": " + why));
		return discrepancy(admin.clinicId(), discrepancyId);
	}

	/**
	 * Records when the DEA notice was sent and Form 106 filed for a possible loss; each
	 * date once.
	 */
	@Transactional
	Discrepancy recordDeaDates(StaffPrincipal admin, UUID discrepancyId, LocalDate noticeSentOn,
			LocalDate form106FiledOn, int version) {
		Ledger.requireRole(admin, "Recording DEA reports", Role.CLINIC_ADMIN);
		Discrepancy discrepancy = discrepancy(admin.clinicId(), discrepancyId);
		FieldErrors errors = new FieldErrors();
		LocalDate today = this.ledger.today(admin);
		if (!discrepancy.possibleLoss()) {
			errors.add("deaNoticeSentOn", "is only recorded for a possible significant loss");
		}
		if (noticeSentOn == null && form106FiledOn == null) {
			errors.add("deaNoticeSentOn", "give the date the notice was sent, the date Form 106 was filed, or both");
		}
		checkDate(errors, "deaNoticeSentOn", noticeSentOn, discrepancy.foundAt(), admin, today,
				discrepancy.deaNoticeSentOn());
		checkDate(errors, "form106FiledOn", form106FiledOn, discrepancy.foundAt(), admin, today,
				discrepancy.form106FiledOn());
		errors.throwIfAny();
		if (discrepancy.version() != version) {
			throw new ConflictException("This discrepancy was changed by someone else; reload it");
		}
		this.jdbc
			.sql("""
					UPDATE ledger_discrepancies
					   SET dea_notice_sent_on = coalesce(dea_notice_sent_on, ?), form106_filed_on = coalesce(form106_filed_on, ?),
					       version = version + 1
					 WHERE clinic_id = ? AND id = ? AND version = ?
					""")
			.params(noticeSentOn, form106FiledOn, admin.clinicId(), discrepancyId, version)
			.update();
		this.audit.record(admin,
				AuditRecord.success("LEDGER_DEA_REPORT_RECORDED")
					.target("ledger-discrepancy", discrepancyId)
					.details("notice sent " + noticeSentOn + ", Form 106 filed " + form106FiledOn));
		return discrepancy(admin.clinicId(), discrepancyId);
	}

	private static void checkDate(FieldErrors errors, String field, LocalDate date, Instant foundAt,
			StaffPrincipal admin, LocalDate today, LocalDate already) {
		if (date == null) {
			return;
		}
		if (already != null) {
			errors.add(field, "was already recorded as " + already);
		}
		else if (date.isAfter(today)) {
			errors.add(field, "cannot be after today (" + today + ")");
		}
		else if (date.isBefore(LocalDate.ofInstant(foundAt, admin.clinicZone()))) {
			errors.add(field, "cannot be before the discrepancy was found");
		}
	}

	/**
	 * The last inventory's date, if any: the next one is due within the clinic's interval
	 * of it.
	 */
	@Transactional(readOnly = true)
	Optional<LocalDate> lastInventory(UUID clinicId) {
		return this.jdbc.sql("SELECT max(taken_on) FROM ledger_inventories WHERE clinic_id = ?")
			.param(clinicId)
			.query((rs, row) -> rs.getObject(1, LocalDate.class))
			.optional();
	}

	@Transactional(readOnly = true)
	List<CountSummary> recentCounts(UUID clinicId, int limit) {
		return this.jdbc
			.sql("""
					SELECT c.id, c.kind, c.counted_at, c.counted_by_name, c.witness_name,
					       (SELECT count(*) FROM ledger_count_lines l WHERE l.clinic_id = c.clinic_id AND l.count_id = c.id) AS vials,
					       (SELECT count(*) FROM ledger_discrepancies d WHERE d.clinic_id = c.clinic_id AND d.count_id = c.id) AS discrepancies
					  FROM ledger_counts c WHERE c.clinic_id = ? ORDER BY c.counted_at DESC LIMIT ?
					""")
			.params(clinicId, limit)
			.query((rs, row) -> new CountSummary(rs.getObject("id", UUID.class), rs.getString("kind"),
					Timestamps.read(rs, "counted_at"), rs.getString("counted_by_name"), rs.getString("witness_name"),
					rs.getInt("vials"), rs.getInt("discrepancies")))
			.list();
	}

	/**
	 * The day {@code days} business days (Monday to Friday) after {@code from}; public
	 * holidays are not known.
	 */
	static LocalDate addBusinessDays(LocalDate from, int days) {
		LocalDate day = from;
		int added = 0;
		while (added < days) {
			day = day.plusDays(1);
			if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
				added++;
			}
		}
		return day;
	}

	private static final String DISCREPANCY_SELECT = """
			SELECT d.id, d.count_id, d.vial_id, v.lot, v.container_no, p.name AS product_name, d.found_at,
			       d.recorded_mg, d.physical_mg, d.difference_mg, d.possible_loss, d.notice_due_on, d.form106_due_on,
			       d.dea_notice_sent_on, d.form106_filed_on, d.status, d.resolution, d.resolution_reason,
			       d.resolved_by_name, d.resolution_meaning, d.resolved_at, d.resolution_entry_id, d.version
			  FROM ledger_discrepancies d
			  JOIN ledger_vials v ON v.clinic_id = d.clinic_id AND v.id = d.vial_id
			  JOIN ledger_products p ON p.clinic_id = v.clinic_id AND p.id = v.product_id
			""";

	private static Discrepancy discrepancy(ResultSet rs, int row) throws SQLException {
		String resolution = rs.getString("resolution");
		return new Discrepancy(rs.getObject("id", UUID.class), rs.getObject("count_id", UUID.class),
				rs.getObject("vial_id", UUID.class), "lot " + rs.getString("lot") + " #" + rs.getInt("container_no"),
				rs.getString("product_name"), Timestamps.read(rs, "found_at"), rs.getBigDecimal("recorded_mg"),
				rs.getBigDecimal("physical_mg"), rs.getBigDecimal("difference_mg"), rs.getBoolean("possible_loss"),
				rs.getObject("notice_due_on", LocalDate.class), rs.getObject("form106_due_on", LocalDate.class),
				rs.getObject("dea_notice_sent_on", LocalDate.class), rs.getObject("form106_filed_on", LocalDate.class),
				DiscrepancyStatus.valueOf(rs.getString("status")),
				(resolution != null) ? Resolution.valueOf(resolution) : null, rs.getString("resolution_reason"),
				rs.getString("resolved_by_name"), rs.getString("resolution_meaning"),
				Timestamps.read(rs, "resolved_at"), rs.getObject("resolution_entry_id", UUID.class),
				rs.getInt("version"));
	}

	enum CountKind {

		SHIFT, DAILY

	}

	enum DiscrepancyStatus {

		OPEN, RESOLVED

	}

	/** How a discrepancy is resolved. */
	enum Resolution {

		/**
		 * The recorded balance is corrected to what was counted (an ADJUSTMENT entry).
		 */
		ADJUSTED,
		/** The shortfall is recorded as a loss or theft (a LOSS entry). */
		LOSS,
		/** A recount showed the recorded balance was right; no entry. */
		NO_CHANGE

	}

	enum TimeOfDay {

		OPENING, CLOSE

	}

	/**
	 * What an inventory records besides the count (21 CFR 1304.11): its date, opening or
	 * close of business, and the registrant.
	 */
	record InventoryHeader(LocalDate takenOn, TimeOfDay timeOfDay, String registrantName, String registrantAddress,
			String registrantDea) {

		void check(FieldErrors errors, LocalDate today) {
			if (this.takenOn == null) {
				errors.add("takenOn", "is required");
			}
			else if (!this.takenOn.equals(today)) {
				errors.add("takenOn", "must be today (" + today + "): an inventory records what is on hand now");
			}
			errors.required("timeOfDay", this.timeOfDay);
			errors.text("registrantName", this.registrantName, 200);
			errors.text("registrantAddress", this.registrantAddress, 500);
			String problem = DeaNumbers.problem(DeaNumbers.normalise(this.registrantDea));
			if (problem != null) {
				errors.add("registrantDea", problem);
			}
		}

	}

	record CountResult(UUID countId, UUID inventoryId, int vialsCounted, int discrepancies, int possibleLosses) {
	}

	record CountSummary(UUID id, String kind, Instant countedAt, String countedByName, String witnessName, int vials,
			int discrepancies) {
	}

	record Discrepancy(UUID id, UUID countId, UUID vialId, String vialLabel, String productName, Instant foundAt,
			BigDecimal recordedMg, BigDecimal physicalMg, BigDecimal differenceMg, boolean possibleLoss,
			LocalDate noticeDueOn, LocalDate form106DueOn, LocalDate deaNoticeSentOn, LocalDate form106FiledOn,
			DiscrepancyStatus status, Resolution resolution, String resolutionReason, String resolvedByName,
			String resolutionMeaning, Instant resolvedAt, UUID resolutionEntryId, int version) {

		boolean noticeOverdue(LocalDate today) {
			return this.possibleLoss && this.deaNoticeSentOn == null && today.isAfter(this.noticeDueOn);
		}

		boolean form106Overdue(LocalDate today) {
			return this.possibleLoss && this.form106FiledOn == null && today.isAfter(this.form106DueOn);
		}

	}

}
