package org.ketacare.patient;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search of the patient list: every term must match the start of a word of the name or
 * MRN, or, for a date such as {@code 1984}, {@code 1984-03}, {@code 1984-03-21} or
 * {@code 03/21/1984}, the birth date. Accents and case do not matter.
 *
 * @param status only patients in this status, or {@code null} for all
 * @param mrn only the patient with exactly this MRN, or {@code null}
 * @param bornFrom only patients born on or after this day, or {@code null}
 * @param bornTo only patients born on or before this day, or {@code null}
 */
public record PatientQuery(List<Term> terms, PatientStatus status, String mrn, LocalDate bornFrom, LocalDate bornTo) {

	private static final int MAX_TERMS = 6;

	private static final Pattern ISO_PREFIX = Pattern.compile("(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?");

	private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");

	public static PatientQuery parse(String text, PatientStatus status) {
		List<Term> terms = new ArrayList<>();
		if (text != null) {
			for (String word : text.strip().split("[\\s,]+")) {
				Term date = dateTerm(word);
				if (date != null) {
					terms.add(date);
					continue;
				}
				// Names are stored with hyphens and apostrophes as spaces: "Garcia-Lopez"
				// is two words.
				for (String part : word.split("['’-]+")) {
					if (!part.isEmpty()) {
						terms.add(new Term((part.length() > 50) ? part.substring(0, 50) : part, null, null));
					}
				}
			}
		}
		return new PatientQuery(List.copyOf(terms.subList(0, Math.min(terms.size(), MAX_TERMS))), status, null, null,
				null);
	}

	/** The same search, narrowed to the patient with exactly this MRN. */
	public PatientQuery withMrn(String exactMrn) {
		return new PatientQuery(this.terms, this.status, exactMrn, this.bornFrom, this.bornTo);
	}

	/** The same search, narrowed to patients born between these days (both included). */
	public PatientQuery bornBetween(LocalDate from, LocalDate to) {
		return new PatientQuery(this.terms, this.status, this.mrn, from, to);
	}

	private static Term dateTerm(String word) {
		try {
			Matcher iso = ISO_PREFIX.matcher(word);
			if (iso.matches()) {
				int year = Integer.parseInt(iso.group(1));
				if (iso.group(3) != null) {
					LocalDate day = LocalDate.of(year, Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
					return new Term(word, day, day);
				}
				if (iso.group(2) != null) {
					YearMonth month = YearMonth.of(year, Integer.parseInt(iso.group(2)));
					return new Term(word, month.atDay(1), month.atEndOfMonth());
				}
				return new Term(word, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
			}
			Matcher us = US_DATE.matcher(word);
			if (us.matches()) {
				LocalDate day = LocalDate.of(Integer.parseInt(us.group(3)), Integer.parseInt(us.group(1)),
						Integer.parseInt(us.group(2)));
				return new Term(word, day, day);
			}
		}
		catch (DateTimeException ex) {
			// Not a real date, such as 1984-13: search it as text only.
		}
		return null;
	}

	public boolean isEmpty() {
		return this.terms.isEmpty() && this.status == null && this.mrn == null && this.bornFrom == null
				&& this.bornTo == null;
	}

	/**
	 * One word of the search.
	 *
	 * @param bornFrom first birth date it matches, or {@code null} when not a date
	 * @param bornTo last birth date it matches
	 */
	public record Term(String text, LocalDate bornFrom, LocalDate bornTo) {
	}

}
