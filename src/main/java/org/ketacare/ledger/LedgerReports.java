package org.ketacare.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.Deflater;

import javax.sql.DataSource;

import com.lowagie.text.Document;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.ketacare.platform.FieldErrors;
import org.ketacare.platform.AuditLog;
import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.platform.Timestamps;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs the ledger's reports for a date range as a page, CSV or PDF. Exports stream: rows
 * are fetched from a cursor a batch at a time and written as they come, so two years of a
 * busy clinic never sit in memory at once.
 */
@Service
class LedgerReports {

	static final int PAGE_SIZE = 200;

	/**
	 * The longest range one report covers: a little more than the longest retention a
	 * clinic may set.
	 */
	static final int MAXIMUM_YEARS = 26;

	private static final int FETCH_SIZE = 2000;

	private static final float CELL_FONT_SIZE = 6.5f;

	private final JdbcTemplate jdbc;

	private final AuditLog audit;

	private final Clock clock;

	LedgerReports(DataSource dataSource, AuditLog audit, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(FETCH_SIZE);
		this.audit = audit;
		this.clock = clock;
	}

	/** Checks a range typed in as dates; both ends are included. */
	static Range range(String from, String to) {
		FieldErrors errors = new FieldErrors();
		LocalDate start = parseDate(errors, "from", from);
		LocalDate end = parseDate(errors, "to", to);
		if (start != null && end != null) {
			if (end.isBefore(start)) {
				errors.add("to", "must be on or after the start date");
			}
			else if (start.plusYears(MAXIMUM_YEARS).isBefore(end)) {
				errors.add("from", "must be at most " + MAXIMUM_YEARS + " years before the end date");
			}
		}
		errors.throwIfAny();
		return new Range(start, end);
	}

	private static LocalDate parseDate(FieldErrors errors, String field, String text) {
		if (text == null || text.isBlank()) {
			errors.add(field, "is required");
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (java.time.format.DateTimeParseException ex) {
			errors.add(field, "must be a date such as 2026-03-02");
			return null;
		}
	}

	/** One page of a report for the screen. The read names patients, so it is audited. */
	@Transactional
	Page page(StaffPrincipal by, LedgerReport report, Range range, int page) {
		int pageNumber = Math.max(page, 0);
		List<List<String>> rows = new ArrayList<>();
		query(by, report, range, " LIMIT " + (PAGE_SIZE + 1) + " OFFSET " + ((long) pageNumber * PAGE_SIZE), rows::add);
		boolean hasNext = rows.size() > PAGE_SIZE;
		audited(by, report, range, "page " + (pageNumber + 1));
		return new Page(report, range, pageNumber, hasNext ? rows.subList(0, PAGE_SIZE) : rows, hasNext);
	}

	/** Writes the whole report as CSV (RFC 4180, UTF-8, one header row). */
	@Transactional
	void csv(StaffPrincipal by, LedgerReport report, Range range, OutputStream out) throws IOException {
		audited(by, report, range, "CSV");
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter printer = CSVFormat.RFC4180.builder()
			.setHeader(report.columns().toArray(String[]::new))
			.get()
			.print(writer);
		try {
			query(by, report, range, "", (row) -> {
				try {
					printer.printRecord(row.stream().map(LedgerReports::inert).toList());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		printer.flush();
	}

	/**
	 * Writes the whole report as a landscape PDF with the clinic, the range, who printed
	 * it and when on top, and page numbers below. Rows are drawn as they come from the
	 * cursor, so that memory stays flat.
	 */
	@Transactional
	void pdf(StaffPrincipal by, LedgerReport report, Range range, OutputStream out) {
		audited(by, report, range, "PDF");
		Document document = new Document(PageSize.A4.rotate(), 24, 24, 28, 28);
		PdfWriter writer = PdfWriter.getInstance(document, out);
		// Years of rows make tens of megabytes of page content: the fastest compression
		// takes a fraction of the default's time for a file a tenth larger.
		writer.setCompressionLevel(Deflater.BEST_SPEED);
		document.open();
		document.add(new Paragraph(report.title(), FontFactory.getFont("Helvetica-Bold", 14)));
		ZonedDateTime printed = ZonedDateTime.now(this.clock.withZone(by.clinicZone()));
		document.add(new Paragraph(by.clinicName() + ", " + range.from() + " to " + range.to() + " ("
				+ by.clinicZone().getId() + "). Printed "
				+ printed.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")) + " by " + by.displayName() + ".",
				FontFactory.getFont("Helvetica", 8)));
		PdfReportTable table = new PdfReportTable(document, writer, report.columns(),
				by.clinicName() + " — " + report.title() + " — page ", CELL_FONT_SIZE);
		int[] rows = { 0 };
		query(by, report, range, "", (row) -> {
			table.row(row);
			rows[0]++;
		});
		if (rows[0] == 0) {
			table.spanningRow("Nothing recorded in this range.");
		}
		table.finish();
		document.close();
	}

	private void query(StaffPrincipal by, LedgerReport report, Range range, String limit, Consumer<List<String>> rows) {
		ZoneId zone = by.clinicZone();
		Object from = report.byDate() ? range.from().toString() : Timestamps.of(range.startIn(zone).toInstant());
		Object to = report.byDate() ? range.to().plusDays(1).toString() : Timestamps.of(range.endIn(zone).toInstant());
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(report.sql() + limit);
			statement.setFetchSize(FETCH_SIZE);
			statement.setObject(1, by.clinicId());
			statement.setObject(2, from);
			statement.setObject(3, to);
			return statement;
		}, (java.sql.ResultSet rs) -> rows.accept(report.row(rs, zone)));
	}

	private void audited(StaffPrincipal by, LedgerReport report, Range range, String how) {
		this.audit.record(by,
				AuditRecord.success("LEDGER_REPORT")
					.target("ledger-report", report.slug())
					.details(report.title() + " " + range.from() + " to " + range.to() + ", " + how));
	}

	/**
	 * A cell that a spreadsheet would run as a formula is written as text, so that an
	 * exported name or method cannot become a command.
	 */
	static String inert(String value) {
		if (value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 || value.matches("-?[0-9.]+")) {
			return value;
		}
		return "'" + value;
	}

	/** Dates from and to, both included, read in the clinic's time zone. */
	record Range(LocalDate from, LocalDate to) {

		OffsetDateTime startIn(ZoneId zone) {
			return this.from.atStartOfDay(zone).toOffsetDateTime();
		}

		OffsetDateTime endIn(ZoneId zone) {
			return this.to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
		}

	}

	record Page(LedgerReport report, Range range, int page, List<List<String>> rows, boolean hasNext) {
	}

}
