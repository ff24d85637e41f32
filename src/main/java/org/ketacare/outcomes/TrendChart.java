package org.ketacare.outcomes;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a trend chart drawn as SVG on the server: one instrument's totals over
 * time on its own scale, severity bands shaded behind, infusions marked. Pure: the
 * template only places what this computes, so the chart needs no script and works under
 * the strict content security policy.
 */
final class TrendChart {

	static final int WIDTH = 640;

	static final int HEIGHT = 240;

	private static final int LEFT = 44;

	private static final int RIGHT = 16;

	private static final int TOP = 12;

	private static final int BOTTOM = 36;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM");

	private TrendChart() {
	}

	static Chart of(Instrument instrument, List<ScoredPoint> series, ZoneId zone) {
		int min = instrument.range().min();
		int max = instrument.range().max();
		Instant first = series.isEmpty() ? Instant.EPOCH : series.get(0).answeredAt();
		Instant last = series.isEmpty() ? Instant.EPOCH : series.get(series.size() - 1).answeredAt();
		long span = Math.max(1, Duration.between(first, last).toSeconds());
		List<BandBox> bands = new ArrayList<>();
		for (int index = 0; index < instrument.bands().size(); index++) {
			Instrument.Band band = instrument.bands().get(index);
			double top = y(band.max() + 0.5, min, max);
			double bottom = y(band.min() - 0.5, min, max);
			bands.add(new BandBox(band.label(), "band-" + Math.min(index, 4), round(Math.max(top, TOP)),
					round(Math.min(bottom, HEIGHT - BOTTOM) - Math.max(top, TOP)), round((top + bottom) / 2)));
		}
		List<Dot> dots = new ArrayList<>();
		List<Marker> markers = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (ScoredPoint point : series) {
			double x = (series.size() == 1) ? LEFT + plotWidth() / 2.0
					: LEFT + plotWidth() * (double) Duration.between(first, point.answeredAt()).toSeconds() / span;
			double y = y(point.total(), min, max);
			line.append((line.length() == 0) ? "" : " ").append(round(x)).append(',').append(round(y));
			String date = DAY.format(point.answeredAt().atZone(zone));
			dots.add(new Dot(round(x), round(y), point.total(), date + ", " + point.timePoint().label() + ": "
					+ point.total() + ((point.severity() != null) ? " (" + point.severity() + ")" : "")));
			if (point.timePoint().kind() == TimePoint.Kind.PRE_INFUSION) {
				markers.add(new Marker(round(x), "Inf " + point.timePoint().number()));
			}
		}
		List<Tick> ticks = new ArrayList<>();
		ticks.add(new Tick(round(y(min, min, max)), Integer.toString(min)));
		instrument.bands()
			.stream()
			.skip(1)
			.forEach((band) -> ticks.add(new Tick(round(y(band.min(), min, max)), Integer.toString(band.min()))));
		ticks.add(new Tick(round(y(max, min, max)), Integer.toString(max)));
		String firstDay = series.isEmpty() ? "" : DAY.format(first.atZone(zone));
		String lastDay = (series.size() < 2) ? "" : DAY.format(last.atZone(zone));
		return new Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, bands, line.toString(), dots,
				markers, ticks, firstDay, lastDay);
	}

	private static int plotWidth() {
		return WIDTH - LEFT - RIGHT;
	}

	private static double y(double total, int min, int max) {
		double plotHeight = HEIGHT - TOP - BOTTOM;
		return TOP + plotHeight * (max - total) / Math.max(1, max - min);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	record Chart(int width, int height, int left, int right, int top, int bottom, List<BandBox> bands, String line,
			List<Dot> dots, List<Marker> markers, List<Tick> ticks, String firstDay, String lastDay) {
	}

	record BandBox(String label, String cssClass, double y, double height, double labelY) {
	}

	record Dot(double x, double y, int total, String title) {
	}

	record Marker(double x, String label) {
	}

	record Tick(double y, String label) {
	}

}
