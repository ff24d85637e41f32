package org.ketacare.infusion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.ketacare.platform.InvalidInputException.FieldError;

/**
 * One rating of dissociation and sedation: the six CADSS-6 item scores (CADSS items 1, 2,
 * 6, 7, 15 and 22, each 0–4) and MOAA/S (0–5). Recording and amending an assessment both
 * check and score it here.
 */
record MonitoringRatings(List<Integer> cadss, Integer moaas) {

	static final int CADSS_ITEMS = 6;

	/**
	 * The outcomes instrument whose items and answer labels the chart shows; its
	 * definition must agree with these rules (MonitoringRatingsTests checks it).
	 */
	static final String CADSS_INSTRUMENT = "CADSS-6";

	MonitoringRatings {
		cadss = (cadss != null) ? Collections.unmodifiableList(new ArrayList<>(cadss)) : List.of();
	}

	List<FieldError> problems() {
		List<FieldError> errors = new ArrayList<>();
		if (this.cadss.size() != CADSS_ITEMS) {
			errors.add(new FieldError("cadss", "must hold the 6 item scores of CADSS-6"));
		}
		for (int i = 0; i < this.cadss.size(); i++) {
			if (this.cadss.get(i) == null || this.cadss.get(i) < 0 || this.cadss.get(i) > 4) {
				errors.add(new FieldError("cadss[" + i + "]", "must be between 0 and 4"));
			}
		}
		if (this.moaas == null || this.moaas < 0 || this.moaas > 5) {
			errors.add(new FieldError("moaas", "must be between 0 and 5"));
		}
		return errors;
	}

	/** The CADSS-6 total (0–24): the sum of the item scores. */
	int cadssTotal() {
		return this.cadss.stream().mapToInt(Integer::intValue).sum();
	}

}
