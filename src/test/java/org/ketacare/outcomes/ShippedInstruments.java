package org.ketacare.outcomes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The instrument definitions shipped with KetaCare, loaded as at start-up. */
final class ShippedInstruments {

	private static final Instruments INSTRUMENTS;

	static {
		try {
			INSTRUMENTS = new Instruments(new OutcomesProperties("", ""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private ShippedInstruments() {
	}

	static Instrument get(String code) {
		return INSTRUMENTS.find(code).orElseThrow();
	}

	static List<Instrument> all() {
		return INSTRUMENTS.all();
	}

	static List<Instrument> withTotal() {
		return all().stream().filter(Instrument::hasTotal).toList();
	}

	/**
	 * Answers to a sum-scored instrument that total {@code total}: items filled from the
	 * first with their highest score until the total is reached.
	 */
	static List<Integer> sumAnswersTotalling(Instrument instrument, int total) {
		List<Integer> answers = new ArrayList<>();
		int left = total;
		for (Instrument.Item item : instrument.items()) {
			int max = instrument.optionsOf(item).stream().mapToInt(Instrument.AnswerOption::score).max().orElseThrow();
			int answer = Math.min(max, left);
			answers.add(answer);
			left -= answer;
		}
		if (left != 0) {
			throw new IllegalArgumentException(total + " is above the range of " + instrument.code());
		}
		return answers;
	}

	static List<Integer> unanswered(Instrument instrument) {
		return new ArrayList<>(Collections.nCopies(instrument.items().size(), null));
	}

}
