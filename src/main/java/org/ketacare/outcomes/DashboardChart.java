package org.ketacare.outcomes;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the dashboard's bar chart, drawn as SVG on the server: per period the
 * response and remission rates after induction and at one month, each with its 95 %
 * interval as a whisker.
 */
final class DashboardChart {

	static final int HEIGHT = 260;

	private static final int LEFT = 44;

	private static final int TOP = 12;

	private static final int BOTTOM = 40;

	private static final int BAR = 14;

	private static final int GROUP_GAP = 28;

	private DashboardChart() {
	}

	static Chart of(List<Dashboard.Row> rows) {
		List<Bar> bars = new ArrayList<>();
		List<Label> labels = new ArrayList<>();
		int x = LEFT + 12;
		for (Dashboard.Row row : rows) {
			int groupStart = x;
			Proportion[] measures = { row.afterInduction().response(), row.afterInduction().remission(),
					row.atOneMonth().response(), row.atOneMonth().remission() };
			String[] names = { "response after induction", "remission after induction", "response at one month",
					"remission at one month" };
			for (int index = 0; index < measures.length; index++) {
				Proportion measure = measures[index];
				if (measure.rate() != null) {
					double top = y(measure.rate());
					bars.add(new Bar(x, top, BAR, y(0) - top, "bar-" + index, x + BAR / 2.0, y(measure.lower()),
							y(measure.upper()),
							row.period() + ", " + names[index] + ": " + measure.count() + " of " + measure.of() + " ("
									+ Math.round(measure.rate() * 100) + " %, 95 % CI "
									+ Math.round(measure.lower() * 100) + "–" + Math.round(measure.upper() * 100)
									+ " %)"));
				}
				x += BAR + 2;
			}
			labels.add(new Label((groupStart + x) / 2.0, row.period()));
			x += GROUP_GAP;
		}
		List<Tick> ticks = List.of(new Tick(y(0), "0 %"), new Tick(y(0.5), "50 %"), new Tick(y(1), "100 %"));
		return new Chart(Math.max(x, 320), HEIGHT, LEFT, y(0), y(1), bars, labels, ticks);
	}

	private static double y(double share) {
		return Math.round((TOP + (HEIGHT - TOP - BOTTOM) * (1 - share)) * 10) / 10.0;
	}

	record Chart(int width, int height, int left, double bottom, double top, List<Bar> bars, List<Label> labels,
			List<Tick> ticks) {
	}

	record Bar(double x, double y, double width, double height, String cssClass, double whiskerX, double whiskerLow,
			double whiskerHigh, String title) {
	}

	record Label(double x, String text) {
	}

	record Tick(double y, String label) {
	}

}
