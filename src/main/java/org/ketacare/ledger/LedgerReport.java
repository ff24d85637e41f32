package org.ketacare.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The reports an inspector asks for (21 CFR 1304.04, 1304.11, 1304.22(c)), each a query
 * over a date range with its columns. The range selects by the date of the event in the
 * clinic's time zone.
 */
enum LedgerReport {

	ADMINISTRATION("administration", "Administration log",
			List.of("Date and time", "Patient", "Visit", "Product", "NDC", "Strength", "Vial", "Quantity (mg)",
					"Volume (mL)", "Administered by"),
			"""
					SELECT e.occurred_at, e.patient_id, e.visit_id, p.name, p.ndc, p.concentration_mg_per_ml,
					       p.container_ml, v.lot, v.container_no, e.quantity_mg, e.quantity_ml, e.recorded_by_name
					  FROM ledger_entries e
					  JOIN ledger_vials v ON v.clinic_id = e.clinic_id AND v.id = e.vial_id
					  JOIN ledger_products p ON p.clinic_id = v.clinic_id AND p.id = v.product_id
					 WHERE e.clinic_id = ? AND e.entry_type = 'ADMINISTERED' AND e.occurred_at >= ? AND e.occurred_at < ?
					 ORDER BY e.occurred_at, e.id
					""") {

		@Override
		List<String> row(ResultSet rs, ZoneId zone) throws SQLException {
			return List.of(time(rs, zone), id(rs, "patient_id"), id(rs, "visit_id"), rs.getString("name"),
					rs.getString("ndc"), strength(rs), vial(rs), number(rs, "quantity_mg"), number(rs, "quantity_ml"),
					rs.getString("recorded_by_name"));
		}

	},

	RECEIPTS("receipts", "Receipts",
			List.of("Date received", "Supplier", "Supplier address", "Supplier DEA number", "Invoice", "Product", "NDC",
					"Strength", "Form", "Containers", "Lots and expiry", "Location", "Received by"),
			"""
					SELECT r.received_on, r.supplier_name, r.supplier_address, r.supplier_dea, r.invoice, p.name, p.ndc,
					       p.concentration_mg_per_ml, p.container_ml, p.form, r.containers, l.name AS location_name,
					       r.received_by_name,
					       (SELECT string_agg(DISTINCT v.lot || ' exp ' || v.expiry, '; ') FROM ledger_vials v
					         WHERE v.clinic_id = r.clinic_id AND v.receipt_id = r.id) AS lots
					  FROM ledger_receipts r
					  JOIN ledger_products p ON p.clinic_id = r.clinic_id AND p.id = r.product_id
					  JOIN ledger_locations l ON l.clinic_id = r.clinic_id AND l.id = r.location_id
					 WHERE r.clinic_id = ? AND r.received_on >= ?::date AND r.received_on < ?::date
					 ORDER BY r.received_on, r.recorded_at
					""") {

		@Override
		List<String> row(ResultSet rs, ZoneId zone) throws SQLException {
			return List.of(rs.getObject("received_on", LocalDate.class).toString(), rs.getString("supplier_name"),
					rs.getString("supplier_address"), rs.getString("supplier_dea"), rs.getString("invoice"),
					rs.getString("name"), rs.getString("ndc"), strength(rs), rs.getString("form"),
					Integer.toString(rs.getInt("containers")), rs.getString("lots"), rs.getString("location_name"),
					rs.getString("received_by_name"));
		}

		@Override
		boolean byDate() {
			return true;
		}

	},

	WASTE("waste", "Waste and disposal log",
			List.of("Date and time", "Kind", "Product", "Strength", "Vial", "Quantity (mg)", "Volume (mL)",
					"Method or distributor", "Patient", "Visit", "Recorded by", "Witness", "Second witness"),
			"""
					SELECT e.occurred_at, e.entry_type, p.name, p.concentration_mg_per_ml, p.container_ml, v.lot,
					       v.container_no, e.quantity_mg, e.quantity_ml, e.method, e.counterparty_name,
					       e.counterparty_dea, e.patient_id, e.visit_id, e.recorded_by_name, e.witness_name,
					       e.witness2_name
					  FROM ledger_entries e
					  JOIN ledger_vials v ON v.clinic_id = e.clinic_id AND v.id = e.vial_id
					  JOIN ledger_products p ON p.clinic_id = v.clinic_id AND p.id = v.product_id
					 WHERE e.clinic_id = ? AND e.entry_type IN ('WASTE', 'DESTRUCTION', 'RETURN')
					   AND e.occurred_at >= ? AND e.occurred_at < ?
					 ORDER BY e.occurred_at, e.id
					""") {

		@Override
		List<String> row(ResultSet rs, ZoneId zone) throws SQLException {
			String counterparty = rs.getString("counterparty_name");
			String how = (counterparty != null) ? counterparty + " (" + rs.getString("counterparty_dea") + ")"
					: rs.getString("method");
			return List.of(time(rs, zone), EntryType.valueOf(rs.getString("entry_type")).label(), rs.getString("name"),
					strength(rs), vial(rs), number(rs, "quantity_mg"), number(rs, "quantity_ml"), how,
					id(rs, "patient_id"), id(rs, "visit_id"), rs.getString("recorded_by_name"),
					text(rs, "witness_name"), text(rs, "witness2_name"));
		}

	},

	INVENTORY("inventory", "Inventories",
			List.of("Date", "Kind", "Opening or close", "Registrant", "Registrant address", "Registrant DEA number",
					"Product", "NDC", "Strength", "Form", "Container size (mL)", "Containers", "Opened containers",
					"Total (mL)", "Total (mg)", "Counted by", "Witness"),
			"""
					SELECT i.taken_on, i.kind, i.time_of_day, i.registrant_name, i.registrant_address, i.registrant_dea,
					       p.name, p.ndc, p.concentration_mg_per_ml, p.container_ml, p.form,
					       count(*) AS containers, count(*) FILTER (WHERE l.physical_ml < p.container_ml) AS opened,
					       sum(l.physical_ml) AS total_ml, sum(l.physical_mg) AS total_mg,
					       c.counted_by_name, c.witness_name
					  FROM ledger_inventories i
					  JOIN ledger_counts c ON c.clinic_id = i.clinic_id AND c.id = i.count_id
					  JOIN ledger_count_lines l ON l.clinic_id = c.clinic_id AND l.count_id = c.id
					  JOIN ledger_vials v ON v.clinic_id = l.clinic_id AND v.id = l.vial_id
					  JOIN ledger_products p ON p.clinic_id = v.clinic_id AND p.id = v.product_id
					 WHERE i.clinic_id = ? AND i.taken_on >= ?::date AND i.taken_on < ?::date
					 GROUP BY i.id, i.taken_on, i.kind, i.time_of_day, i.registrant_name, i.registrant_address,
					          i.registrant_dea, p.id, p.name, p.ndc, p.concentration_mg_per_ml, p.container_ml, p.form,
					          c.counted_by_name, c.witness_name
					 ORDER BY i.taken_on, i.id, p.name, p.ndc
					""") {

		@Override
		List<String> row(ResultSet rs, ZoneId zone) throws SQLException {
			return List.of(rs.getObject("taken_on", LocalDate.class).toString(),
					rs.getString("kind").equals("INITIAL") ? "Initial" : "Periodic",
					rs.getString("time_of_day").equals("OPENING") ? "Opening of business" : "Close of business",
					rs.getString("registrant_name"), rs.getString("registrant_address"), rs.getString("registrant_dea"),
					rs.getString("name"), rs.getString("ndc"),
					Quantities.plain(rs.getBigDecimal("concentration_mg_per_ml")) + " mg/mL", rs.getString("form"),
					number(rs, "container_ml"), Integer.toString(rs.getInt("containers")),
					Integer.toString(rs.getInt("opened")), number(rs, "total_ml"), number(rs, "total_mg"),
					rs.getString("counted_by_name"), rs.getString("witness_name"));
		}

		@Override
		boolean byDate() {
			return true;
		}

	},

	RUNNING_BALANCE("running-balance", "Running balance per vial",
			List.of("Vial", "Product", "Strength", "Entry", "Date and time", "Kind", "Quantity (mg)", "Change (mg)",
					"Balance (mg)", "Balance (mL)", "Recorded by", "Visit", "Patient"),
			"""
					SELECT v.lot, v.container_no, p.name, p.concentration_mg_per_ml, p.container_ml, e.vial_seq,
					       e.occurred_at, e.entry_type, e.quantity_mg, e.balance_change_mg, e.balance_after_mg,
					       e.balance_after_ml, e.recorded_by_name, e.visit_id, e.patient_id
					  FROM ledger_entries e
					  JOIN ledger_vials v ON v.clinic_id = e.clinic_id AND v.id = e.vial_id
					  JOIN ledger_products p ON p.clinic_id = v.clinic_id AND p.id = v.product_id
					 WHERE e.clinic_id = ? AND e.occurred_at >= ? AND e.occurred_at < ?
					 ORDER BY p.name, v.lot, v.container_no, v.id, e.vial_seq
					""") {

		@Override
		List<String> row(ResultSet rs, ZoneId zone) throws SQLException {
			return List.of(vial(rs), rs.getString("name"), strength(rs), Integer.toString(rs.getInt("vial_seq")),
					time(rs, zone), EntryType.valueOf(rs.getString("entry_type")).label(), number(rs, "quantity_mg"),
					number(rs, "balance_change_mg"), number(rs, "balance_after_mg"), number(rs, "balance_after_ml"),
					rs.getString("recorded_by_name"), id(rs, "visit_id"), id(rs, "patient_id"));
		}

	},

	DISCREPANCIES("discrepancies", "Open discrepancies",
			List.of("Found", "Vial", "Product", "Recorded (mg)", "Counted (mg)", "Difference (mg)",
					"Possible significant loss", "DEA notice due", "DEA notice sent", "Form 106 due", "Form 106 filed"),
			"""
					SELECT d.found_at AS occurred_at, v.lot, v.container_no, p.name, d.recorded_mg, d.physical_mg,
					       d.difference_mg, d.possible_loss, d.notice_due_on, d.dea_notice_sent_on, d.form106_due_on,
					       d.form106_filed_on
					  FROM ledger_discrepancies d
					  JOIN ledger_vials v ON v.clinic_id = d.clinic_id AND v.id = d.vial_id
					  JOIN ledger_products p ON p.clinic_id = v.clinic_id AND p.id = v.product_id
					 WHERE d.clinic_id = ? AND d.status = 'OPEN' AND d.found_at >= ? AND d.found_at < ?
					 ORDER BY d.found_at, d.id
					""") {

		@Override
		List<String> row(ResultSet rs, ZoneId zone) throws SQLException {
			return List.of(time(rs, zone), vial(rs), rs.getString("name"), number(rs, "recorded_mg"),
					number(rs, "physical_mg"), number(rs, "difference_mg"),
					rs.getBoolean("possible_loss") ? "yes" : "no", date(rs, "notice_due_on"),
					date(rs, "dea_notice_sent_on"), date(rs, "form106_due_on"), date(rs, "form106_filed_on"));
		}

	};

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

	private final String slug;

	private final String title;

	private final List<String> columns;

	private final String sql;

	LedgerReport(String slug, String title, List<String> columns, String sql) {
		this.slug = slug;
		this.title = title;
		this.columns = columns;
		this.sql = sql;
	}

	public String slug() {
		return this.slug;
	}

	public String title() {
		return this.title;
	}

	public List<String> columns() {
		return this.columns;
	}

	String sql() {
		return this.sql;
	}

	/** Whether the range selects by a calendar date column rather than an instant. */
	boolean byDate() {
		return false;
	}

	abstract List<String> row(ResultSet rs, ZoneId zone) throws SQLException;

	static LedgerReport ofSlug(String slug) {
		for (LedgerReport report : values()) {
			if (report.slug.equals(slug)) {
				return report;
			}
		}
		return null;
	}

	private static String time(ResultSet rs, ZoneId zone) throws SQLException {
		return rs.getObject("occurred_at", OffsetDateTime.class).atZoneSameInstant(zone).format(TIME);
	}

	private static String id(ResultSet rs, String column) throws SQLException {
		UUID id = rs.getObject(column, UUID.class);
		return (id != null) ? id.toString() : "";
	}

	private static String text(ResultSet rs, String column) throws SQLException {
		String text = rs.getString(column);
		return (text != null) ? text : "";
	}

	private static String date(ResultSet rs, String column) throws SQLException {
		LocalDate date = rs.getObject(column, LocalDate.class);
		return (date != null) ? date.toString() : "";
	}

	private static String number(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return (value != null) ? Quantities.plain(value) : "";
	}

	private static String strength(ResultSet rs) throws SQLException {
		return Quantities.plain(rs.getBigDecimal("concentration_mg_per_ml")) + " mg/mL, "
				+ Quantities.ml(rs.getBigDecimal("container_ml"));
	}

	private static String vial(ResultSet rs) throws SQLException {
		return "lot " + rs.getString("lot") + " #" + rs.getInt("container_no");
	}

}
