package org.ketacare.infusion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The per-visit time chart drawn on the server as SVG coordinates: BP, HR and SpO2 over
 * time on one 0–200 scale, the infusion period shaded and alarm points marked.
 */
public record VitalsSvg(int width, int height, String systolic, String diastolic, String heartRate, String spo2,
		Shade infusion, List<Point> alarms, List<Label> timeLabels) {

	static final int WIDTH = 720;

	static final int HEIGHT = 240;

	static final int MAX_VALUE = 200;

	public record Shade(int x, int width) {
	}

	public record Point(int x, int y, String title) {
	}

	public record Label(int x, String text) {
	}

	static VitalsSvg of(VisitChart chart, java.time.ZoneId zone) {
		List<VisitChart.Vitals> vitals = chart.correctedVitals();
		VisitChart.Header visit = chart.visit();
		Instant first = visit.checkedInAt();
		Instant last = first.plus(Duration.ofMinutes(30));
		for (VisitChart.Vitals v : vitals) {
			last = v.takenAt().isAfter(last) ? v.takenAt() : last;
		}
		if (visit.infusionEndedAt() != null && visit.infusionEndedAt().isAfter(last)) {
			last = visit.infusionEndedAt();
		}
		Instant from = vitals.isEmpty() || vitals.get(0).takenAt().isAfter(first) ? first : vitals.get(0).takenAt();
		long span = Math.max(1, Duration.between(from, last).toSeconds());
		Scale scale = new Scale(from, span);
		Shade shade = null;
		if (visit.infusionStartedAt() != null) {
			Instant end = (visit.infusionEndedAt() != null) ? visit.infusionEndedAt() : last;
			int x = scale.x(visit.infusionStartedAt());
			shade = new Shade(x, Math.max(1, scale.x(end) - x));
		}
		List<Point> alarms = new ArrayList<>();
		for (VisitChart.Alarm alarm : chart.alarms()) {
			vitals.stream()
				.filter((v) -> v.id().equals(alarm.vitalsId()))
				.findFirst()
				.ifPresent((v) -> alarms.add(new Point(scale.x(v.takenAt()), y(v.systolic()), alarm.message())));
		}
		List<Label> labels = new ArrayList<>();
		for (int i = 0; i <= 4; i++) {
			Instant at = from.plusSeconds(span * i / 4);
			labels.add(new Label(scale.x(at),
					java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(zone))));
		}
		return new VitalsSvg(WIDTH, HEIGHT, line(vitals, scale, VisitChart.Vitals::systolic),
				line(vitals, scale, VisitChart.Vitals::diastolic), line(vitals, scale, VisitChart.Vitals::heartRate),
				line(vitals, scale, VisitChart.Vitals::spo2), shade, alarms, labels);
	}

	private static String line(List<VisitChart.Vitals> vitals, Scale scale, ToIntFunction<VisitChart.Vitals> value) {
		StringBuilder points = new StringBuilder();
		for (VisitChart.Vitals v : vitals) {
			points.append(scale.x(v.takenAt())).append(',').append(y(value.applyAsInt(v))).append(' ');
		}
		return points.toString().trim();
	}

	static int y(int value) {
		int clamped = Math.max(0, Math.min(MAX_VALUE, value));
		return HEIGHT - 20 - (clamped * (HEIGHT - 30) / MAX_VALUE);
	}

	private record Scale(Instant from, long span) {

		int x(Instant at) {
			long seconds = Math.max(0, Math.min(this.span, Duration.between(this.from, at).toSeconds()));
			return 40 + (int) (seconds * (WIDTH - 60) / this.span);
		}

	}

}
