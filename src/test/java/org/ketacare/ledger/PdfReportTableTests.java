package org.ketacare.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PdfReportTableTests {

	private static final List<String> HEADINGS = List.of("Date and time", "Patient", "Visit", "Product", "NDC",
			"Strength", "Vial", "Quantity (mg)", "Volume (mL)", "Administered by");

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource(delimiter = '|',
			value = { "36|36", "Ketamine HCl|Ketamine HCl",
					"6f3949c9-680d-4ee8-a66e-38507170d875|6f3949c9-680d-4ee8-/a66e-38507170d875",
					"Dr. Maximilian Alexander Featherstonehaugh|Dr. Maximilian Alexander/Featherstonehaugh",
					"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ|ABCDEFGHIJKLMNOPQ/RSTUVWXYZABCDEFG/HIJ" })
	void cellTextIsBrokenAfterSpacesAndHyphensAndInsideWordsOnlyWhenItMustBe(String text, String lines)
			throws IOException {
		withTable((table) -> assertThat(String.join("/", table.wrap(text, font(), 79.4f))).isEqualTo(lines));
	}

	@Test
	void lineBreaksInTheTextAreKept() throws IOException {
		withTable((table) -> assertThat(table.wrap("first\nsecond", font(), 79.4f)).containsExactly("first", "second"));
	}

	@Test
	void everyCellHeadingAndPageNumberIsInTheDocument() throws IOException {
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			rows.add(List.of("2026-03-02 08:" + (10 + i % 50) + " EST", "patient-" + i, "visit-" + i, "Ketamine HCl",
					"0409-2051-05", "50 mg/mL, 10 mL", "lot L" + i + " #" + (i % 25 + 1), "36", "0.72",
					"Nurse number " + i));
		}
		byte[] pdf = withTable((table) -> rows.forEach(table::row));

		PdfReader reader = new PdfReader(pdf);
		StringBuilder text = new StringBuilder();
		PdfTextExtractor extractor = new PdfTextExtractor(reader);
		for (int page = 1; page <= reader.getNumberOfPages(); page++) {
			String pageText = extractor.getTextFromPage(page);
			assertThat(pageText).contains("Date and time").contains("Administered by");
			assertThat(pageText).contains("Clinic — Administration log — page " + page);
			text.append(pageText).append('\n');
		}
		assertThat(reader.getNumberOfPages()).isGreaterThan(1);
		String all = text.toString();
		for (List<String> row : rows) {
			assertThat(all).contains(row.get(0)).contains(row.get(1)).contains(row.get(6)).contains(row.get(9));
		}
	}

	@Test
	void anEmptyTableSaysSo() throws IOException {
		byte[] pdf = withTable((table) -> table.spanningRow("Nothing recorded in this range."));
		assertThat(new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1))
			.contains("Nothing recorded in this range.");
	}

	private static BaseFont font() {
		try {
			return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] withTable(java.util.function.Consumer<PdfReportTable> use) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4.rotate(), 24, 24, 28, 28);
		PdfWriter writer = PdfWriter.getInstance(document, out);
		document.open();
		document.add(new Paragraph("Administration log"));
		PdfReportTable table = new PdfReportTable(document, writer, HEADINGS, "Clinic — Administration log — page ",
				6.5f);
		use.accept(table);
		table.finish();
		document.close();
		return out.toByteArray();
	}

}
