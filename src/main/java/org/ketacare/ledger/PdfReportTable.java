package org.ketacare.ledger;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Draws a report's table straight onto the pages, one row at a time: each cell's text is
 * wrapped by the font's character widths, rows go top to bottom, the column headings
 * repeat on every page, and every page ends with the report's name and its number.
 * <p>
 * OpenPDF's {@code PdfPTable} sends every cell through its general text engine twice
 * (once to measure the row, once to draw it), which took seconds for the half million
 * cells of two busy years. A report's cells are plain text in one font, so measuring the
 * words is enough.
 */
final class PdfReportTable {

	private static final float PADDING = 2;

	private static final float LINE_WIDTH = 0.5f;

	private static final float SPACING_BEFORE = 8;

	private static final float FOOTER_SIZE = 7;

	/** Room kept above the bottom margin for the footer. */
	private static final float FOOTER_ROOM = 12;

	private static final Color HEADER_BACKGROUND = new Color(0xEE, 0xF1, 0xF4);

	private final Document document;

	private final PdfWriter writer;

	private final List<String> headings;

	private final String footer;

	private final BaseFont font;

	private final BaseFont bold;

	private final float size;

	private final float leading;

	private final float columnWidth;

	private PdfContentByte text;

	private PdfContentByte lines;

	private float top;

	/** Where the column lines of this page start and end. */
	private float columnsTop;

	private float columnsBottom;

	private BaseFont currentFont;

	private int pageNumber;

	/**
	 * Starts the table below what the document holds so far.
	 * @param footer the text before the page number at the foot of every page
	 */
	PdfReportTable(Document document, PdfWriter writer, List<String> headings, String footer, float size) {
		this.document = document;
		this.writer = writer;
		this.headings = headings;
		this.footer = footer;
		this.font = font(BaseFont.HELVETICA);
		this.bold = font(BaseFont.HELVETICA_BOLD);
		this.size = size;
		// As a PdfPCell sets its lines: one font size apart.
		this.leading = size;
		this.columnWidth = (document.right() - document.left()) / headings.size();
		this.pageNumber = 1;
		startPage(writer.getVerticalPosition(true) - SPACING_BEFORE);
	}

	private static BaseFont font(String name) {
		try {
			return BaseFont.createFont(name, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("the 14 standard PDF fonts are built into OpenPDF", ex);
		}
	}

	/** Adds a row of cells, one per heading, on a new page if it does not fit. */
	void row(List<String> cells) {
		List<List<String>> wrapped = new ArrayList<>(cells.size());
		int lineCount = 1;
		for (String cell : cells) {
			List<String> cellLines = wrap(cell, this.font, this.columnWidth);
			wrapped.add(cellLines);
			lineCount = Math.max(lineCount, cellLines.size());
		}
		float height = rowHeight(lineCount);
		if (this.top - height < this.document.bottom() + FOOTER_ROOM) {
			endPage();
			this.writer.setPageEmpty(false);
			this.document.newPage();
			this.pageNumber++;
			startPage(this.document.top());
		}
		draw(wrapped, this.font, height);
	}

	/** Adds a row of one cell across the whole table. */
	void spanningRow(String cell) {
		List<String> cellLines = wrap(cell, this.font, this.columnWidth * this.headings.size());
		float height = rowHeight(cellLines.size());
		writeLines(cellLines, this.font, this.document.left(), this.top);
		this.top -= height;
		horizontalLine(this.top);
	}

	/** Ends the last page; the caller then closes the document. */
	void finish() {
		endPage();
	}

	private float rowHeight(int lineCount) {
		return lineCount * this.leading + 2 * PADDING;
	}

	private void startPage(float top) {
		this.top = top;
		this.lines = this.writer.getDirectContentUnder();
		this.text = this.writer.getDirectContent();
		List<List<String>> wrapped = new ArrayList<>(this.headings.size());
		int lineCount = 1;
		for (String heading : this.headings) {
			List<String> headingLines = wrap(heading, this.bold, this.columnWidth);
			wrapped.add(headingLines);
			lineCount = Math.max(lineCount, headingLines.size());
		}
		float height = rowHeight(lineCount);
		this.lines.saveState();
		this.lines.setColorFill(HEADER_BACKGROUND);
		this.lines.rectangle(this.document.left(), this.top - height, this.document.right() - this.document.left(),
				height);
		this.lines.fill();
		this.lines.restoreState();
		this.lines.setLineWidth(LINE_WIDTH);
		horizontalLine(this.top);
		this.columnsTop = this.top;
		this.text.beginText();
		this.currentFont = null;
		draw(wrapped, this.bold, height);
	}

	private void draw(List<List<String>> wrapped, BaseFont rowFont, float height) {
		float x = this.document.left();
		for (List<String> cellLines : wrapped) {
			writeLines(cellLines, rowFont, x, this.top);
			x += this.columnWidth;
		}
		this.top -= height;
		this.columnsBottom = this.top;
		horizontalLine(this.top);
	}

	private void horizontalLine(float y) {
		this.lines.moveTo(this.document.left(), y);
		this.lines.lineTo(this.document.right(), y);
	}

	private void writeLines(List<String> cellLines, BaseFont lineFont, float left, float cellTop) {
		if (lineFont != this.currentFont) {
			this.text.setFontAndSize(lineFont, this.size);
			this.currentFont = lineFont;
		}
		float baseline = cellTop - PADDING - this.size;
		for (String line : cellLines) {
			if (!line.isEmpty()) {
				this.text.setTextMatrix(left + PADDING, baseline);
				this.text.showText(line);
			}
			baseline -= this.leading;
		}
	}

	private void endPage() {
		for (int column = 0; column <= this.headings.size(); column++) {
			float x = this.document.left() + column * this.columnWidth;
			this.lines.moveTo(x, this.columnsTop);
			this.lines.lineTo(x, (column == 0 || column == this.headings.size()) ? this.top : this.columnsBottom);
		}
		this.lines.stroke();
		this.text.setFontAndSize(this.font, FOOTER_SIZE);
		this.text.showTextAligned(Element.ALIGN_RIGHT, this.footer + this.pageNumber, this.document.right(),
				this.document.bottom(), 0);
		this.text.endText();
	}

	/**
	 * The text in lines that fit the cell: broken after spaces and hyphens where it can,
	 * inside a word that is wider than the cell where it must. Line breaks in the text
	 * are kept. Widths are summed in the font's units (thousandths of the font size).
	 */
	List<String> wrap(String text, BaseFont lineFont, float cellWidth) {
		float limit = (cellWidth - 2 * PADDING) * 1000 / this.size;
		if (text.indexOf('\n') < 0 && lineFont.getWidth(text) <= limit) {
			return List.of(text);
		}
		List<String> result = new ArrayList<>(2);
		for (String paragraph : text.split("\r?\n", -1)) {
			int lineStart = 0;
			int breakAfter = -1;
			float lineWidth = 0;
			for (int i = 0; i < paragraph.length(); i++) {
				char c = paragraph.charAt(i);
				int charWidth = lineFont.getWidth(c);
				if (lineWidth + charWidth > limit && i > lineStart && c != ' ') {
					int end = (breakAfter > lineStart) ? breakAfter : i;
					result.add(paragraph.substring(lineStart, end).stripTrailing());
					lineStart = end;
					lineWidth = lineFont.getWidth(paragraph.substring(lineStart, i));
				}
				lineWidth += charWidth;
				if (c == ' ' || c == '-') {
					breakAfter = i + 1;
				}
			}
			result.add(paragraph.substring(lineStart).stripTrailing());
		}
		return result;
	}

}
