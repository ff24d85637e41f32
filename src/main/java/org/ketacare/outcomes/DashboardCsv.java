package org.ketacare.outcomes;

import java.util.Locale;

/**
 * The dashboard as CSV, one row per period, with counts, rates and 95 % Wilson bounds as
 * shares from 0 to 1 to four decimals.
 */
final class DashboardCsv {

	private DashboardCsv() {
	}

	static String write(ClinicDashboard.Report report) {
		StringBuilder csv = new StringBuilder("instrument,period,treated,"
				+ "after_induction_assessed,after_induction_responders,after_induction_response_rate,"
				+ "after_induction_response_ci_low,after_induction_response_ci_high,after_induction_remitters,"
				+ "after_induction_remission_rate,after_induction_remission_ci_low,after_induction_remission_ci_high,"
				+ "one_month_assessed,one_month_responders,one_month_response_rate,one_month_response_ci_low,"
				+ "one_month_response_ci_high,one_month_remitters,one_month_remission_rate,one_month_remission_ci_low,"
				+ "one_month_remission_ci_high\r\n");
		for (Dashboard.Row row : report.rows()) {
			csv.append(report.instrument().code()).append(',').append(row.period()).append(',').append(row.treated());
			outcomes(csv, row.afterInduction());
			outcomes(csv, row.atOneMonth());
			csv.append("\r\n");
		}
		return csv.toString();
	}

	private static void outcomes(StringBuilder csv, Dashboard.Outcomes outcomes) {
		csv.append(',').append(outcomes.assessed());
		proportion(csv, outcomes.response());
		proportion(csv, outcomes.remission());
	}

	private static void proportion(StringBuilder csv, Proportion proportion) {
		csv.append(',')
			.append(proportion.count())
			.append(',')
			.append(share(proportion.rate()))
			.append(',')
			.append(share(proportion.lower()))
			.append(',')
			.append(share(proportion.upper()));
	}

	private static String share(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.4f", value) : "";
	}

}
