package org.ketacare.infusion;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.ListItem;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The printed instructions a patient goes home with, in the words of the clinical
 * reference §1.4 (RCEM, clinic discharge sheets, the esketamine label).
 */
final class DischargeInstructions {

	static final List<String> INSTRUCTIONS = List.of(
			"Do not drive or operate machinery until the next day, after a restful night's sleep. Someone must drive "
					+ "you home today.",
			"Do not make important decisions (money, contracts, relationships) for 24 hours.",
			"Do not drink alcohol or use cannabis today or for 24 hours after the infusion.",
			"Do not take opioids or benzodiazepines for at least 4 hours unless your physician told you to.",
			"Keep your appointments with your psychiatrist or therapist.");

	static final String CRISIS = "In a crisis — thoughts of suicide or of harming yourself — call or text 988 (Suicide & "
			+ "Crisis Lifeline) or 911, or go to the nearest emergency department. You may also call the clinic.";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm z",
			Locale.ENGLISH);

	private DischargeInstructions() {
	}

	static byte[] pdf(VisitChart chart, String clinicName, ZoneId zone, Instant nextAppointment) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.LETTER, 54, 54, 54, 54);
		PdfWriter.getInstance(document, out);
		document.open();
		Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
		Font heading = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
		Font body = FontFactory.getFont(FontFactory.HELVETICA, 11);
		document.add(new Paragraph(clinicName + " — after your ketamine infusion", title));
		VisitChart.Header visit = chart.visit();
		document.add(new Paragraph(visit.patientName() + " (" + visit.mrn() + "), infusion of "
				+ ((visit.infusionEndedAt() != null) ? WHEN.format(visit.infusionEndedAt().atZone(zone)) : "today"),
				body));
		if (visit.escortName() != null) {
			document
				.add(new Paragraph("Going home with: " + visit.escortName() + " (" + visit.escortPhone() + ")", body));
		}
		document.add(new Paragraph(" "));
		document.add(new Paragraph("For the rest of today and tomorrow", heading));
		com.lowagie.text.List list = new com.lowagie.text.List(false, 12);
		for (String instruction : INSTRUCTIONS) {
			list.add(new ListItem(instruction, body));
		}
		document.add(list);
		document.add(new Paragraph(" "));
		document.add(new Paragraph("What to do in a crisis", heading));
		document.add(new Paragraph(CRISIS, body));
		document.add(new Paragraph(" "));
		document.add(new Paragraph("Your next appointment", heading));
		document.add(new Paragraph((nextAppointment != null) ? WHEN.format(nextAppointment.atZone(zone))
				: "None is booked yet: the clinic will call you.", body));
		document.close();
		return out.toByteArray();
	}

}
