package org.ketacare.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ketamine ledger's service: receiving stock, drawing it for a visit, recording what
 * was given and wasting the rest in front of a witness, and closing a visit once every
 * milligram drawn for it is accounted for. The infusion visit calls {@link #draw},
 * {@link #recordAdministered}, {@link #waste} and {@link #closeVisit}; every balance
 * change goes through {@link VialBalances}.
 */
@Service
public class Ledger {

	static final String WASTE_WITNESS_MEANING = "Witnessed waste";

	static final Set<Role> CLINICAL = Set.of(Role.NURSE, Role.PHYSICIAN);

	static final String DEFAULT_FORM = "injection, solution";

	static final String DEFAULT_LOCATION = "Main safe";

	private final JdbcClient jdbc;

	private final LedgerQueries queries;

	private final VialBalances balances;

	private final Signatures signatures;

	private final AuditLog audit;

	private final Clock clock;

	Ledger(JdbcClient jdbc, LedgerQueries queries, VialBalances balances, Signatures signatures, AuditLog audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.queries = queries;
		this.balances = balances;
		this.signatures = signatures;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Receives containers from a supplier: one receipt, one vial per container, each
	 * opened with a RECEIPT entry of its full content. Only a clinic administrator
	 * receives stock.
	 * @throws InvalidInputException naming every field that breaks a rule; nothing is
	 * written then
	 */
	@Transactional
	public List<Vial> receive(StaffPrincipal by, NewReceipt receipt) {
		requireRole(by, "Receiving controlled substances", Role.CLINIC_ADMIN);
		FieldErrors errors = new FieldErrors();
		ValidReceipt valid = validate(by, receipt, errors);
		errors.throwIfAny();
		LocalDate today = today(by);
		String supplierName = valid.supplierName();
		String supplierAddress = valid.supplierAddress();
		String supplierDea = valid.supplierDea();
		String invoice = valid.invoice();
		LocalDate receivedOn = receipt.receivedOn();
		String productName = valid.productName();
		String ndc = valid.ndc();
		String form = valid.form();
		BigDecimal concentration = valid.concentration();
		BigDecimal containerMl = valid.containerMl();
		List<NewReceipt.Container> containers = receipt.containers();
		Optional<LedgerQueries.Location> location = valid.location();
		UUID productId = product(by, productName, ndc, concentration, containerMl, form);
		String firstLocation = (receipt.location() != null && !receipt.location().isBlank())
				? receipt.location().strip() : DEFAULT_LOCATION;
		UUID locationId = location.map(LedgerQueries.Location::id).orElseGet(() -> addLocation(by, firstLocation));
		UUID receiptId = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO ledger_receipts (clinic_id, id, product_id, location_id, supplier_name, supplier_address,
				    supplier_dea, invoice, received_on, containers, received_by, received_by_name, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(by.clinicId(), receiptId, productId, locationId, supplierName, supplierAddress, supplierDea,
					invoice, receivedOn, containers.size(), by.staffId(), by.displayName(), Timestamps.of(now))
			.update();
		BigDecimal containerMg = Quantities.milligrams(containerMl, concentration);
		List<Vial> vials = new ArrayList<>();
		for (int i = 0; i < containers.size(); i++) {
			NewReceipt.Container container = containers.get(i);
			UUID vialId = UUID.randomUUID();
			this.jdbc.sql("""
					INSERT INTO ledger_vials (clinic_id, id, receipt_id, container_no, product_id, location_id, lot,
					    expiry, status, balance_mg, balance_ml, entry_count)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'IN_STOCK', 0, 0, 0)
					""")
				.params(by.clinicId(), vialId, receiptId, i + 1, productId, locationId, container.lot().strip(),
						container.expiry())
				.update();
			this.balances
				.post(VialBalances.Posting.of(by, now, today, vialId, EntryType.RECEIPT, containerMg, containerMg)
					.receipt(receiptId));
			vials.add(this.queries.vial(by.clinicId(), vialId));
		}
		this.audit.record(by,
				AuditRecord.success("LEDGER_RECEIPT")
					.target("ledger-receipt", receiptId)
					.details(containers.size() + " × " + productName + " " + Quantities.plain(concentration) + " mg/mL "
							+ Quantities.ml(containerMl) + " from " + supplierName + " (" + supplierDea + "), invoice "
							+ invoice));
		return vials;
	}

	/**
	 * The receipt's problems by field, without writing anything: for forms that show
	 * every problem at once.
	 */
	@Transactional(readOnly = true)
	List<InvalidInputException.FieldError> receiptProblems(StaffPrincipal by, NewReceipt receipt) {
		FieldErrors errors = new FieldErrors();
		validate(by, receipt, errors);
		return errors.list();
	}

	private ValidReceipt validate(StaffPrincipal by, NewReceipt receipt, FieldErrors errors) {
		LocalDate today = today(by);
		String supplierName = errors.text("supplierName", receipt.supplierName(), 200);
		String supplierAddress = errors.text("supplierAddress", receipt.supplierAddress(), 500);
		String supplierDea = DeaNumbers.normalise(receipt.supplierDea());
		Optional.ofNullable(DeaNumbers.problem(supplierDea)).ifPresent((problem) -> errors.add("supplierDea", problem));
		String invoice = errors.text("invoice", receipt.invoice(), 100);
		LocalDate receivedOn = errors.required("receivedOn", receipt.receivedOn());
		if (receivedOn != null && receivedOn.isAfter(today)) {
			errors.add("receivedOn", "cannot be after today (" + today + ")");
		}
		NewReceipt.Product product = receipt.product();
		String productName = "";
		String ndc = "";
		String form = DEFAULT_FORM;
		BigDecimal concentration = null;
		BigDecimal containerMl = null;
		if (product == null) {
			errors.add("product", "is required");
		}
		else {
			productName = errors.text("product.name", product.name(), 200);
			ndc = (product.ndc() != null) ? product.ndc().strip() : "";
			if (!ndc.matches("[0-9]{4}-[0-9]{4}-[0-9]{2}|[0-9]{5}-[0-9]{3}-[0-9]{2}|[0-9]{5}-[0-9]{4}-[0-9]{1,2}")) {
				errors.add("product.ndc", "must be an NDC with dashes, such as 0409-2051-05");
			}
			concentration = errors.check(
					() -> Quantities.positive("product.concentrationMgPerMl", product.concentrationMgPerMl(), "mg/mL"));
			containerMl = errors.check(() -> Quantities.positive("product.containerMl", product.containerMl(), "mL"));
			if (product.form() != null && !product.form().isBlank()) {
				form = errors.text("product.form", product.form(), 100);
			}
		}
		List<NewReceipt.Container> containers = (receipt.containers() != null) ? receipt.containers() : List.of();
		if (containers.isEmpty()) {
			errors.add("containers", "list at least one container with its lot and expiry");
		}
		else if (containers.size() > 500) {
			errors.add("containers", "must be at most 500 in one receipt");
		}
		for (int i = 0; i < containers.size() && i < 500; i++) {
			NewReceipt.Container container = containers.get(i);
			String prefix = "containers[" + i + "].";
			if (container == null) {
				errors.add(prefix + "lot", "is required");
				continue;
			}
			errors.text(prefix + "lot", container.lot(), 40);
			LocalDate expiry = errors.required(prefix + "expiry", container.expiry());
			if (expiry != null && receivedOn != null && expiry.isBefore(receivedOn)) {
				errors.add(prefix + "expiry", "is before the date received; expired stock is not taken into stock");
			}
		}
		Optional<LedgerQueries.Location> location = errors.check(() -> location(by, receipt.location()));
		return new ValidReceipt(supplierName, supplierAddress, supplierDea, invoice, productName, ndc, form,
				concentration, containerMl, (location != null) ? location : Optional.empty());
	}

	/**
	 * Draws {@code mg} from a vial into a syringe or bag for a visit. A replay with the
	 * same idempotency key returns the first draw and writes nothing.
	 * @throws ConflictException when the vial holds less, is expired or quarantined, or
	 * the visit is closed
	 */
	@Transactional
	public Draw draw(StaffPrincipal by, NewDraw draw) {
		requireRole(by, "Drawing ketamine", Role.NURSE, Role.PHYSICIAN);
		FieldErrors errors = new FieldErrors();
		UUID vialId = errors.required("vialId", draw.vialId());
		UUID visitId = errors.required("visitId", draw.visitId());
		BigDecimal mg = errors.check(() -> Quantities.positive("mg", draw.mg(), "mg"));
		String key = idempotencyKey(errors, draw.idempotencyKey());
		errors.throwIfAny();
		VialBalances.Posted posted = this.balances
			.post(VialBalances.Posting.of(by, this.clock.instant(), today(by), vialId, EntryType.DRAW, mg, mg.negate())
				.visit(visitId, draw.patientId())
				.key(key));
		Draw result = this.queries.draw(by.clinicId(), posted.entry().drawId());
		if (!posted.replayed()) {
			this.audit.record(by,
					AuditRecord.success("LEDGER_DRAW")
						.target("ledger-draw", result.id())
						.patient(result.patientId())
						.details(Quantities.mg(mg) + " from vial " + result.vialLabel() + " for visit " + visitId));
		}
		return result;
	}

	/**
	 * Records the milligrams given to the patient from a draw, from the visit's infusion
	 * record. The patient is the draw's, or {@code patientId} when the draw named none.
	 * @throws ConflictException when more would be given than is left in the draw, or the
	 * visit is closed
	 */
	@Transactional
	public LedgerEntry recordAdministered(StaffPrincipal by, UUID drawId, UUID patientId, BigDecimal mg,
			String idempotencyKey) {
		requireRole(by, "Recording an administration", Role.NURSE, Role.PHYSICIAN);
		FieldErrors errors = new FieldErrors();
		errors.required("drawId", drawId);
		BigDecimal quantity = errors.check(() -> Quantities.positive("mg", mg, "mg"));
		String key = idempotencyKey(errors, idempotencyKey);
		errors.throwIfAny();
		Draw draw = this.queries.draw(by.clinicId(), drawId);
		UUID patient = (draw.patientId() != null) ? draw.patientId() : patientId;
		if (patient == null) {
			throw new InvalidInputException("patientId", "is required: the draw names no patient");
		}
		if (patientId != null && !patientId.equals(patient)) {
			throw new InvalidInputException("patientId", "is not the patient the draw was made for");
		}
		VialBalances.Posted posted = this.balances.post(VialBalances.Posting
			.of(by, this.clock.instant(), today(by), draw.vialId(), EntryType.ADMINISTERED, quantity, BigDecimal.ZERO)
			.draw(drawId)
			.visit(draw.visitId(), patient)
			.key(key));
		if (!posted.replayed()) {
			this.audit.record(by,
					AuditRecord.success("LEDGER_ADMINISTERED")
						.target("ledger-draw", drawId)
						.patient(patient)
						.details(Quantities.mg(quantity) + " given from vial " + draw.vialLabel()));
		}
		return posted.entry();
	}

	/**
	 * Wastes drug in front of a witness, who gives their own name and password: the
	 * remainder of a draw, or drug left in a vial.
	 * @throws org.ketacare.platform.RuleViolationException when the witness is the person
	 * wasting
	 * @throws ConflictException when more would be wasted than there is
	 */
	@Transactional
	public LedgerEntry waste(StaffPrincipal by, NewWaste waste) {
		requireRole(by, "Wasting ketamine", Role.NURSE, Role.PHYSICIAN);
		FieldErrors errors = new FieldErrors();
		if ((waste.drawId() == null) == (waste.vialId() == null)) {
			errors.add("drawId", "give either drawId (the remainder of a draw) or vialId (drug in a vial), not both");
		}
		BigDecimal mg = errors.check(() -> Quantities.positive("mg", waste.mg(), "mg"));
		String method = errors.text("method", waste.method(), 200);
		String key = idempotencyKey(errors, waste.idempotencyKey());
		errors.throwIfAny();
		Draw draw = (waste.drawId() != null) ? this.queries.draw(by.clinicId(), waste.drawId()) : null;
		UUID vialId = (draw != null) ? draw.vialId() : this.queries.vial(by.clinicId(), waste.vialId()).id();
		if (key != null) {
			Optional<LedgerEntry> earlier = this.queries.entryByKey(by.clinicId(), key);
			if (earlier.isPresent() && earlier.get().type() == EntryType.WASTE
					&& earlier.get().vialId().equals(vialId)) {
				// A replay: the witness signed the first time, and their password is not
				// asked for again.
				return earlier.get();
			}
		}
		Signature witness = this.signatures.witness(by, waste.witnessUsername(), waste.witnessPassword(),
				WASTE_WITNESS_MEANING, CLINICAL);
		VialBalances.Posting posting = VialBalances.Posting
			.of(by, this.clock.instant(), today(by), vialId, EntryType.WASTE, mg,
					(draw != null) ? BigDecimal.ZERO : mg.negate())
			.how(method, null)
			.signed(null, witness, null)
			.key(key);
		if (draw != null) {
			posting = posting.draw(draw.id()).visit(draw.visitId(), draw.patientId());
		}
		VialBalances.Posted posted = this.balances.post(posting);
		this.audit.record(by,
				AuditRecord.success("LEDGER_WASTE")
					.target((draw != null) ? "ledger-draw" : "vial", (draw != null) ? draw.id() : vialId)
					.patient((draw != null) ? draw.patientId() : null)
					.details(Quantities.mg(mg) + " wasted (" + method + "), witnessed by " + witness.signerName()));
		return posted.entry();
	}

	/**
	 * Closes a visit once every milligram drawn for it was given or wasted. Closing a
	 * closed visit again changes nothing.
	 * @throws ConflictException naming each draw with drug left in it
	 */
	@Transactional
	public VisitAccount closeVisit(UUID clinicId, UUID visitId) {
		this.balances.lockVisit(clinicId, visitId);
		VisitAccount account = new VisitAccount(visitId, this.queries.drawsOfVisit(clinicId, visitId),
				this.queries.visitClosed(clinicId, visitId));
		if (account.closed()) {
			return account;
		}
		List<String> open = account.draws()
			.stream()
			.filter((draw) -> draw.remainingMg().signum() != 0)
			.map((draw) -> Quantities.mg(draw.remainingMg()) + " of the " + Quantities.mg(draw.drawnMg())
					+ " drawn from vial " + draw.vialLabel() + " is neither given nor wasted")
			.toList();
		if (!open.isEmpty()) {
			throw new ConflictException("Visit " + visitId + " cannot close: " + String.join("; ", open));
		}
		this.jdbc.sql("""
				INSERT INTO ledger_visit_closures (clinic_id, visit_id, drawn_mg, administered_mg, wasted_mg, closed_at)
				VALUES (?, ?, ?, ?, ?, ?)
				""")
			.params(clinicId, visitId, account.drawnMg(), account.administeredMg(), account.wastedMg(),
					Timestamps.of(this.clock.instant()))
			.update();
		this.audit.record(AuditRecord.success("LEDGER_VISIT_CLOSED")
			.target("visit", visitId)
			.details(Quantities.mg(account.drawnMg()) + " drawn = " + Quantities.mg(account.administeredMg())
					+ " given + " + Quantities.mg(account.wastedMg()) + " wasted"));
		return new VisitAccount(visitId, account.draws(), true);
	}

	/** The draws of a visit and whether it is closed. */
	@Transactional(readOnly = true)
	public VisitAccount visit(UUID clinicId, UUID visitId) {
		return new VisitAccount(visitId, this.queries.drawsOfVisit(clinicId, visitId),
				this.queries.visitClosed(clinicId, visitId));
	}

	@Transactional(readOnly = true)
	public Vial vial(UUID clinicId, UUID vialId) {
		return this.queries.vial(clinicId, vialId);
	}

	/**
	 * Vials a draw may come from today: in stock, not expired, not quarantined, not
	 * empty.
	 */
	@Transactional(readOnly = true)
	public List<Vial> drawableVials(StaffPrincipal by) {
		return this.queries.drawableVials(by.clinicId(), today(by));
	}

	@Transactional(readOnly = true)
	public Draw draw(UUID clinicId, UUID drawId) {
		return this.queries.draw(clinicId, drawId);
	}

	/** A vial with its entries, which name visits and patients: the read is audited. */
	@Transactional
	VialHistory vialHistory(StaffPrincipal by, UUID vialId) {
		Vial vial = this.queries.vial(by.clinicId(), vialId);
		List<LedgerEntry> entries = this.queries.entries(by.clinicId(), vialId);
		this.audit.record(by, AuditRecord.success("LEDGER_VIAL_VIEWED").target("vial", vialId));
		return new VialHistory(vial, entries);
	}

	/** A draw as its page shows it; it names a patient, so the read is audited. */
	@Transactional
	Draw viewDraw(StaffPrincipal by, UUID drawId) {
		Draw draw = this.queries.draw(by.clinicId(), drawId);
		this.audit.record(by,
				AuditRecord.success("LEDGER_DRAW_VIEWED").target("ledger-draw", drawId).patient(draw.patientId()));
		return draw;
	}

	@Transactional(readOnly = true)
	LedgerEntry entry(UUID clinicId, UUID entryId) {
		return this.queries.entry(clinicId, entryId);
	}

	@Transactional(readOnly = true)
	List<LedgerQueries.StockLine> stock(UUID clinicId) {
		return this.queries.stock(clinicId);
	}

	/**
	 * The clinic's date now, in its own time zone: what expiry dates are compared with.
	 */
	LocalDate today(StaffPrincipal by) {
		return LocalDate.now(this.clock.withZone(by.clinicZone()));
	}

	/**
	 * The location named, the clinic's only one when none is named, or empty when the
	 * clinic has none yet (the default safe is then created).
	 */
	private Optional<LedgerQueries.Location> location(StaffPrincipal by, String name) {
		List<LedgerQueries.Location> locations = this.queries.locations(by.clinicId());
		String wanted = (name != null) ? name.strip() : "";
		if (wanted.isEmpty()) {
			if (locations.size() == 1) {
				return Optional.of(locations.get(0));
			}
			if (locations.isEmpty()) {
				return Optional.empty();
			}
			throw new InvalidInputException("location", "choose where the containers are stored: "
					+ String.join(", ", locations.stream().map(LedgerQueries.Location::name).toList()));
		}
		if (locations.isEmpty()) {
			// The clinic's first receipt names its first safe.
			return Optional.empty();
		}
		return Optional.of(locations.stream()
			.filter((location) -> location.name().equalsIgnoreCase(wanted))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("location",
					"is not a location of this clinic; add it on the locations page first")));
	}

	/** Adds a locked location; the name is unique in the clinic. */
	UUID addLocation(StaffPrincipal by, String name) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("INSERT INTO ledger_locations (clinic_id, id, name, created_at) VALUES (?, ?, ?, ?)")
			.params(by.clinicId(), id, name, Timestamps.of(this.clock.instant()))
			.update();
		this.audit.record(by, AuditRecord.success("LEDGER_LOCATION_ADDED").target("ledger-location", id).details(name));
		return id;
	}

	private UUID product(StaffPrincipal by, String name, String ndc, BigDecimal concentration, BigDecimal containerMl,
			String form) {
		Optional<ProductRow> existing = this.jdbc.sql("""
				SELECT id, name, concentration_mg_per_ml, container_ml, form FROM ledger_products
				 WHERE clinic_id = ? AND ndc = ?
				""")
			.params(by.clinicId(), ndc)
			.query((rs, row) -> new ProductRow(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getBigDecimal("concentration_mg_per_ml"), rs.getBigDecimal("container_ml"),
					rs.getString("form")))
			.optional();
		if (existing.isPresent()) {
			ProductRow product = existing.get();
			if (!product.name().equalsIgnoreCase(name) || product.concentration().compareTo(concentration) != 0
					|| product.containerMl().compareTo(containerMl) != 0
					|| !product.form().toLowerCase(Locale.ROOT).equals(form.toLowerCase(Locale.ROOT))) {
				throw new InvalidInputException("product.ndc",
						"is already registered as " + product.name() + " " + Quantities.plain(product.concentration())
								+ " mg/mL, " + Quantities.ml(product.containerMl()) + ", " + product.form()
								+ "; an NDC names one finished form");
			}
			return product.id();
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO ledger_products (clinic_id, id, name, ndc, concentration_mg_per_ml, container_ml, form,
				    created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(by.clinicId(), id, name, ndc, concentration, containerMl, form, Timestamps.of(this.clock.instant()))
			.update();
		return id;
	}

	private static String idempotencyKey(FieldErrors errors, String key) {
		if (key == null || key.isBlank()) {
			return null;
		}
		String stripped = key.strip();
		if (stripped.length() > 200) {
			errors.add("idempotencyKey", "must be at most 200 characters");
		}
		return stripped;
	}

	static void requireRole(StaffPrincipal by, String what, Role... roles) {
		for (Role role : roles) {
			if (by.hasRole(role)) {
				return;
			}
		}
		throw new AccessDeniedException(what + " needs one of the roles " + List.of(roles));
	}

	/** A vial and every entry written on it, in order. */
	record VialHistory(Vial vial, List<LedgerEntry> entries) {
	}

	private record ValidReceipt(String supplierName, String supplierAddress, String supplierDea, String invoice,
			String productName, String ndc, String form, BigDecimal concentration, BigDecimal containerMl,
			Optional<LedgerQueries.Location> location) {
	}

	private record ProductRow(UUID id, String name, BigDecimal concentration, BigDecimal containerMl, String form) {
	}

}
