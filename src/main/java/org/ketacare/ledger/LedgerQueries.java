package org.ketacare.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of the ledger's tables, every one scoped to a clinic.
 */
@Repository
class LedgerQueries {

	static final String VIAL_SELECT = """
			SELECT v.id, v.product_id, p.name AS product_name, p.ndc, p.concentration_mg_per_ml, p.container_ml,
			       p.form, v.receipt_id, v.container_no, v.lot, v.expiry, v.location_id, l.name AS location_name,
			       v.status, v.balance_mg, v.balance_ml, v.entry_count, v.version
			  FROM ledger_vials v
			  JOIN ledger_products p ON p.clinic_id = v.clinic_id AND p.id = v.product_id
			  JOIN ledger_locations l ON l.clinic_id = v.clinic_id AND l.id = v.location_id
			""";

	static final String DRAW_SELECT = """
			SELECT d.id, d.vial_id, v.lot, v.container_no, d.visit_id, d.patient_id, d.drawn_mg, d.drawn_ml,
			       d.administered_mg, d.wasted_mg, d.drawn_by, d.drawn_by_name, d.drawn_at
			  FROM ledger_draws d JOIN ledger_vials v ON v.clinic_id = d.clinic_id AND v.id = d.vial_id
			""";

	private final JdbcClient jdbc;

	LedgerQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Vial vial(UUID clinicId, UUID vialId) {
		return this.jdbc.sql(VIAL_SELECT + " WHERE v.clinic_id = ? AND v.id = ?")
			.params(clinicId, vialId)
			.query(LedgerQueries::vial)
			.optional()
			.orElseThrow(() -> new NotFoundException("Vial " + vialId));
	}

	/** Every vial the clinic still holds, soonest expiry first. */
	List<Vial> vialsOnHand(UUID clinicId) {
		return this.jdbc.sql(VIAL_SELECT + """
				 WHERE v.clinic_id = ? AND v.status IN ('IN_STOCK', 'QUARANTINED')
				 ORDER BY p.name, v.expiry, v.lot, v.container_no
				""").param(clinicId).query(LedgerQueries::vial).list();
	}

	/** Vials a draw may come from: in stock, not expired, not empty. */
	List<Vial> drawableVials(UUID clinicId, LocalDate today) {
		return this.jdbc.sql(VIAL_SELECT + """
				 WHERE v.clinic_id = ? AND v.status = 'IN_STOCK' AND v.expiry >= ? AND v.balance_mg > 0
				 ORDER BY v.expiry, v.balance_mg, v.lot, v.container_no
				""").params(clinicId, today).query(LedgerQueries::vial).list();
	}

	/** Vials that left the clinic's hands, newest first, for the stock page's history. */
	List<Vial> vialsNoLongerOnHand(UUID clinicId, int limit) {
		return this.jdbc.sql(VIAL_SELECT + """
				 WHERE v.clinic_id = ? AND v.status NOT IN ('IN_STOCK', 'QUARANTINED')
				 ORDER BY v.expiry DESC, v.lot, v.container_no LIMIT ?
				""").params(clinicId, limit).query(LedgerQueries::vial).list();
	}

	List<LedgerEntry> entries(UUID clinicId, UUID vialId) {
		return this.jdbc.sql("SELECT * FROM ledger_entries WHERE clinic_id = ? AND vial_id = ? ORDER BY vial_seq")
			.params(clinicId, vialId)
			.query(LedgerQueries::entry)
			.list();
	}

	Optional<LedgerEntry> entryByKey(UUID clinicId, String idempotencyKey) {
		return this.jdbc.sql("SELECT * FROM ledger_entries WHERE clinic_id = ? AND idempotency_key = ?")
			.params(clinicId, idempotencyKey)
			.query(LedgerQueries::entry)
			.optional();
	}

	LedgerEntry entry(UUID clinicId, UUID entryId) {
		return this.jdbc.sql("SELECT * FROM ledger_entries WHERE clinic_id = ? AND id = ?")
			.params(clinicId, entryId)
			.query(LedgerQueries::entry)
			.optional()
			.orElseThrow(() -> new NotFoundException("Ledger entry " + entryId));
	}

	Draw draw(UUID clinicId, UUID drawId) {
		return this.jdbc.sql(DRAW_SELECT + " WHERE d.clinic_id = ? AND d.id = ?")
			.params(clinicId, drawId)
			.query(LedgerQueries::draw)
			.optional()
			.orElseThrow(() -> new NotFoundException("Draw " + drawId));
	}

	List<Draw> drawsOfVisit(UUID clinicId, UUID visitId) {
		return this.jdbc.sql(DRAW_SELECT + " WHERE d.clinic_id = ? AND d.visit_id = ? ORDER BY d.drawn_at")
			.params(clinicId, visitId)
			.query(LedgerQueries::draw)
			.list();
	}

	/**
	 * Draws with drug still in the syringe, oldest first: what staff must give or waste.
	 */
	List<Draw> openDraws(UUID clinicId) {
		return this.jdbc.sql(DRAW_SELECT + """
				 WHERE d.clinic_id = ? AND d.administered_mg + d.wasted_mg < d.drawn_mg
				   AND NOT EXISTS (SELECT 1 FROM ledger_visit_closures c
				                    WHERE c.clinic_id = d.clinic_id AND c.visit_id = d.visit_id)
				 ORDER BY d.drawn_at
				""").param(clinicId).query(LedgerQueries::draw).list();
	}

	boolean visitClosed(UUID clinicId, UUID visitId) {
		return this.jdbc.sql("SELECT count(*) FROM ledger_visit_closures WHERE clinic_id = ? AND visit_id = ?")
			.params(clinicId, visitId)
			.query(Long.class)
			.single() > 0;
	}

	List<Location> locations(UUID clinicId) {
		return this.jdbc.sql("SELECT id, name FROM ledger_locations WHERE clinic_id = ? ORDER BY name")
			.param(clinicId)
			.query((rs, row) -> new Location(rs.getObject("id", UUID.class), rs.getString("name")))
			.list();
	}

	/** What the clinic holds, per product and location. */
	List<StockLine> stock(UUID clinicId) {
		return this.jdbc.sql("""
				SELECT p.id AS product_id, p.name, p.ndc, p.concentration_mg_per_ml, p.container_ml, p.form,
				       l.id AS location_id, l.name AS location_name,
				       count(*) FILTER (WHERE v.status = 'IN_STOCK') AS vials_in_stock,
				       count(*) FILTER (WHERE v.status = 'QUARANTINED') AS vials_quarantined,
				       coalesce(sum(v.balance_mg), 0) AS balance_mg, coalesce(sum(v.balance_ml), 0) AS balance_ml
				  FROM ledger_vials v
				  JOIN ledger_products p ON p.clinic_id = v.clinic_id AND p.id = v.product_id
				  JOIN ledger_locations l ON l.clinic_id = v.clinic_id AND l.id = v.location_id
				 WHERE v.clinic_id = ? AND v.status IN ('IN_STOCK', 'QUARANTINED')
				 GROUP BY p.id, p.name, p.ndc, p.concentration_mg_per_ml, p.container_ml, p.form, l.id, l.name
				 ORDER BY p.name, p.ndc, l.name
				""")
			.param(clinicId)
			.query((rs, row) -> new StockLine(rs.getObject("product_id", UUID.class), rs.getString("name"),
					rs.getString("ndc"), rs.getBigDecimal("concentration_mg_per_ml"), rs.getBigDecimal("container_ml"),
					rs.getString("form"), rs.getObject("location_id", UUID.class), rs.getString("location_name"),
					rs.getInt("vials_in_stock"), rs.getInt("vials_quarantined"), rs.getBigDecimal("balance_mg"),
					rs.getBigDecimal("balance_ml")))
			.list();
	}

	static Vial vial(ResultSet rs, int row) throws SQLException {
		return new Vial(rs.getObject("id", UUID.class), rs.getObject("product_id", UUID.class),
				rs.getString("product_name"), rs.getString("ndc"), rs.getBigDecimal("concentration_mg_per_ml"),
				rs.getBigDecimal("container_ml"), rs.getString("form"), rs.getObject("receipt_id", UUID.class),
				rs.getInt("container_no"), rs.getString("lot"), rs.getObject("expiry", LocalDate.class),
				rs.getObject("location_id", UUID.class), rs.getString("location_name"),
				VialStatus.valueOf(rs.getString("status")), rs.getBigDecimal("balance_mg"),
				rs.getBigDecimal("balance_ml"), rs.getInt("entry_count"), rs.getInt("version"));
	}

	static Draw draw(ResultSet rs, int row) throws SQLException {
		return new Draw(rs.getObject("id", UUID.class), rs.getObject("vial_id", UUID.class),
				"lot " + rs.getString("lot") + " #" + rs.getInt("container_no"), rs.getObject("visit_id", UUID.class),
				rs.getObject("patient_id", UUID.class), rs.getBigDecimal("drawn_mg"), rs.getBigDecimal("drawn_ml"),
				rs.getBigDecimal("administered_mg"), rs.getBigDecimal("wasted_mg"),
				rs.getObject("drawn_by", UUID.class), rs.getString("drawn_by_name"), Timestamps.read(rs, "drawn_at"));
	}

	static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
		return new LedgerEntry(rs.getObject("id", UUID.class), rs.getObject("vial_id", UUID.class),
				rs.getInt("vial_seq"), EntryType.valueOf(rs.getString("entry_type")),
				Timestamps.read(rs, "occurred_at"), rs.getBigDecimal("quantity_mg"), rs.getBigDecimal("quantity_ml"),
				rs.getBigDecimal("balance_change_mg"), rs.getBigDecimal("balance_after_mg"),
				rs.getBigDecimal("balance_after_ml"), rs.getObject("recorded_by", UUID.class),
				rs.getString("recorded_by_name"), rs.getString("signature_meaning"),
				rs.getObject("receipt_id", UUID.class), rs.getObject("draw_id", UUID.class),
				rs.getObject("visit_id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getObject("discrepancy_id", UUID.class), rs.getObject("from_location_id", UUID.class),
				rs.getObject("to_location_id", UUID.class), rs.getString("method"), rs.getString("reason"),
				rs.getString("counterparty_name"), rs.getString("counterparty_dea"),
				rs.getObject("witness_id", UUID.class), rs.getString("witness_name"),
				rs.getObject("witness2_id", UUID.class), rs.getString("witness2_name"));
	}

	/** A locked location where vials are kept. */
	record Location(UUID id, String name) {
	}

	/**
	 * What the clinic holds of one product in one location.
	 */
	record StockLine(UUID productId, String productName, String ndc, BigDecimal concentrationMgPerMl,
			BigDecimal containerMl, String form, UUID locationId, String locationName, int vialsInStock,
			int vialsQuarantined, BigDecimal balanceMg, BigDecimal balanceMl) {
	}

}
