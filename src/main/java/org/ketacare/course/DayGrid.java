package org.ketacare.course;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.ketacare.clinic.Room;
import org.ketacare.clinic.WeeklyHours;

/**
 * A day of the schedule as a table of rooms × time slots: a visit spans the rows of its
 * length (HTML rowspan, so no inline styles are needed), cancelled visits are listed
 * apart.
 *
 * @param rows one per slot, from the earliest opening to the latest closing of the day
 * @param apart visits not drawn in the grid: cancelled ones
 */
record DayGrid(List<Room> rooms, List<Row> rows, List<DaySchedule.Visit> apart) {

	private static final LocalTime DEFAULT_OPENING = LocalTime.of(8, 0);

	private static final LocalTime DEFAULT_CLOSING = LocalTime.of(18, 0);

	static DayGrid of(DaySchedule schedule, LocalDate day, int slotMinutes) {
		ZoneId zone = schedule.zone();
		DayOfWeek weekday = day.getDayOfWeek();
		List<DaySchedule.Visit> shown = new ArrayList<>();
		List<DaySchedule.Visit> apart = new ArrayList<>();
		for (DaySchedule.Visit visit : schedule.visits()) {
			boolean sameDay = visit.appointment().start().atZone(zone).toLocalDate().equals(day);
			if (visit.appointment().status().holdsRoom() || visit.appointment().status() == AppointmentStatus.NO_SHOW) {
				if (sameDay) {
					shown.add(visit);
				}
			}
			else if (sameDay) {
				apart.add(visit);
			}
		}
		List<Room> rooms = schedule.rooms()
			.stream()
			.filter((room) -> room.active()
					|| shown.stream().anyMatch((visit) -> visit.appointment().roomId().equals(room.id())))
			.toList();
		LocalTime opening = null;
		LocalTime closing = null;
		for (Room room : rooms) {
			for (WeeklyHours hours : room.openingHours()) {
				if (hours.day() == weekday) {
					opening = (opening == null || hours.from().isBefore(opening)) ? hours.from() : opening;
					closing = (closing == null || hours.to().isAfter(closing)) ? hours.to() : closing;
				}
			}
		}
		opening = (opening != null) ? opening : DEFAULT_OPENING;
		closing = (closing != null) ? closing : DEFAULT_CLOSING;
		for (DaySchedule.Visit visit : shown) {
			LocalTime start = visit.appointment().start().atZone(zone).toLocalTime();
			LocalTime end = visit.appointment().end().atZone(zone).toLocalTime();
			opening = start.isBefore(opening) ? start : opening;
			closing = (end.isAfter(closing) && end.isAfter(start)) ? end : closing;
		}
		int firstMinute = (opening.toSecondOfDay() / 60) / slotMinutes * slotMinutes;
		int lastMinute = closing.toSecondOfDay() / 60;
		int rowCount = Math.max(1, (lastMinute - firstMinute + slotMinutes - 1) / slotMinutes);
		Cell[][] cells = new Cell[rowCount][rooms.size()];
		boolean[][] covered = new boolean[rowCount][rooms.size()];
		for (DaySchedule.Visit visit : shown) {
			int column = indexOf(rooms, visit);
			int startMinute = visit.appointment().start().atZone(zone).toLocalTime().toSecondOfDay() / 60;
			int row = (startMinute - firstMinute) / slotMinutes;
			long minutes = Duration.between(visit.appointment().start(), visit.appointment().end()).toMinutes();
			int span = (int) Math.max(1, Math.min(rowCount - row,
					(startMinute - firstMinute - row * slotMinutes + minutes + slotMinutes - 1) / slotMinutes));
			if (column < 0 || row < 0 || row >= rowCount || covered[row][column]) {
				apart.add(visit);
				continue;
			}
			cells[row][column] = new Cell(visit, span);
			for (int covering = row; covering < row + span; covering++) {
				covered[covering][column] = true;
			}
		}
		List<Row> rows = new ArrayList<>();
		for (int row = 0; row < rowCount; row++) {
			List<Cell> rowCells = new ArrayList<>();
			for (int column = 0; column < rooms.size(); column++) {
				if (cells[row][column] != null) {
					rowCells.add(cells[row][column]);
				}
				else if (!covered[row][column]) {
					rowCells.add(new Cell(null, 1));
				}
			}
			rows.add(new Row(LocalTime.MIN.plusMinutes(firstMinute + (long) row * slotMinutes), rowCells));
		}
		return new DayGrid(rooms, rows, apart);
	}

	private static int indexOf(List<Room> rooms, DaySchedule.Visit visit) {
		for (int index = 0; index < rooms.size(); index++) {
			if (rooms.get(index).id().equals(visit.appointment().roomId())) {
				return index;
			}
		}
		return -1;
	}

	/**
	 * One time slot across the rooms; rooms covered by a visit from above have no cell.
	 */
	record Row(LocalTime time, List<Cell> cells) {

		public boolean fullHour() {
			return this.time.getMinute() == 0;
		}

	}

	/** A visit starting in this slot, spanning {@code span} rows, or a free slot. */
	record Cell(DaySchedule.Visit visit, int span) {

		public boolean free() {
			return this.visit == null;
		}

	}

}
