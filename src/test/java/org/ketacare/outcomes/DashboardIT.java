package org.ketacare.outcomes;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The clinic dashboard on a known data set: ten patients of clinic north whose baselines
 * fall in March 2019 (a month no other test uses), with hand-counted rates after
 * induction and at one month.
 */
@KetaCareIntegrationTest
class DashboardIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@Autowired
	OutcomePatients patients;

	@Autowired
	Responses responses;

	@Autowired
	ClinicDashboard dashboard;

	@Test
	void ratesOfAKnownDataSet() throws Exception {
		// baseline, post-induction, one month (null: not assessed). Response: ≤ half the
		// baseline; remission: ≤ 4.
		int[][] data = { { 20, 4, 4 }, { 20, 10, 12 }, { 18, 9, 3 }, { 16, 3, 8 }, { 22, 12, 11 }, { 15, 14, -1 },
				{ 12, 2, 2 }, { 10, 6, -1 }, { 24, -1, -1 }, { 14, 7, 9 } };
		StaffPrincipal nurse = this.staff.demo("nurse.north");
		ZoneId zone = nurse.clinicZone();
		for (int index = 0; index < data.length; index++) {
			UUID patient = this.patients.newPatient("north");
			LocalDateTime start = LocalDateTime.of(2019, 3, 1 + index * 2, 10, 0);
			record(nurse, patient, "baseline", start, data[index][0]);
			if (data[index][1] >= 0) {
				record(nurse, patient, "post-induction", start.plusDays(21), data[index][1]);
			}
			if (data[index][2] >= 0) {
				record(nurse, patient, "1-month-follow-up", start.plusDays(49), data[index][2]);
			}
		}
		// After induction, 9 assessed: responders 20→4, 20→10, 18→9, 16→3, 12→2, 14→7 =
		// 6;
		// remitters 4, 3, 2 = 3. At one month, 7 assessed: responders 20→4, 18→3, 16→8,
		// 22→11, 12→2 = 5 (not 20→12, 14→9); remitters 4, 3, 2 = 3.
		Dashboard.Row march = this.dashboard.report(this.staff.demo("admin.north"), "PHQ-9", Dashboard.Period.MONTH, "")
			.rows()
			.stream()
			.filter((row) -> row.period().equals("2019-03"))
			.findFirst()
			.orElseThrow();
		assertThat(march.treated()).isEqualTo(10);
		assertThat(march.afterInduction().assessed()).isEqualTo(9);
		assertThat(march.afterInduction().response()).extracting(Proportion::count, Proportion::of)
			.containsExactly(6, 9);
		assertThat(march.afterInduction().remission()).extracting(Proportion::count, Proportion::of)
			.containsExactly(3, 9);
		assertThat(march.atOneMonth().assessed()).isEqualTo(7);
		assertThat(march.atOneMonth().response()).extracting(Proportion::count, Proportion::of).containsExactly(5, 7);
		assertThat(march.atOneMonth().remission()).extracting(Proportion::count, Proportion::of).containsExactly(3, 7);
		// 6/9: Wilson 95 % 0.3542–0.8794
		assertThat(march.afterInduction().response().lower()).isCloseTo(0.3542, within(0.0001));
		assertThat(march.afterInduction().response().upper()).isCloseTo(0.8794, within(0.0001));

		this.mvc
			.perform(get("/outcomes/dashboard.csv").param("instrument", "PHQ-9")
				.param("period", "month")
				.with(TestStaff.as(this.staff.demo("physician.north"))))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("outcomes-phq-9-month.csv")))
			.andExpect(content().string(containsString(
					"PHQ-9,2019-03,10,9,6,0.6667,0.3542,0.8794,3,0.3333,0.1206,0.6458,7,5,0.7143,0.3589,0.9178,3,0.4286,0.1582,0.7495")));
		this.mvc
			.perform(get("/outcomes/dashboard").param("period", "month")
				.with(TestStaff.as(this.staff.demo("admin.north"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("6/9 = 67 % (35–88 %)")));
		this.mvc
			.perform(get("/outcomes/dashboard").param("period", "fortnight")
				.with(TestStaff.as(this.staff.demo("admin.north"))))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theDashboardCanBeLimitedToThePatientsOfACourseProtocol() throws Exception {
		// Two patients of clinic main with baselines in July 2017 (a month no other test
		// uses); only the first has a course, on the standard protocol.
		StaffPrincipal nurse = this.staff.demo("nurse.main");
		UUID onCourse = CourseFixtures.patientOnCourse(this.mvc, this.staff, "Protocolled").patientId();
		UUID withoutCourse = this.patients.newPatient("main");
		for (UUID patient : List.of(onCourse, withoutCourse)) {
			record(nurse, patient, "baseline", LocalDateTime.of(2017, 7, 3, 10, 0), 20);
			record(nurse, patient, "post-induction", LocalDateTime.of(2017, 7, 24, 10, 0), 4);
		}
		StaffPrincipal physician = this.staff.demo("physician.main");

		assertThat(july2017(this.dashboard.report(physician, "PHQ-9", Dashboard.Period.MONTH, "")).treated())
			.isEqualTo(2);
		Dashboard.Row standard = july2017(
				this.dashboard.report(physician, "PHQ-9", Dashboard.Period.MONTH, "iv-ketamine-standard"));
		assertThat(standard.treated()).isEqualTo(1);
		assertThat(standard.afterInduction().response()).extracting(Proportion::count, Proportion::of)
			.containsExactly(1, 1);

		this.mvc
			.perform(get("/outcomes/dashboard").param("period", "month")
				.param("protocol", "iv-ketamine-standard")
				.with(TestStaff.as(physician)))
			.andExpect(status().isOk())
			.andExpect(
					content().string(containsString("<option value=\"iv-ketamine-standard\" selected=\"selected\">")));
		this.mvc
			.perform(get("/outcomes/dashboard.csv").param("period", "month")
				.param("protocol", "iv-ketamine-standard")
				.with(TestStaff.as(physician)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("PHQ-9,2017-07,1,1,1,")))
			.andExpect(header().string("Content-Disposition", containsString("-iv-ketamine-standard.csv")));
		this.mvc.perform(get("/outcomes/dashboard").param("protocol", "no-such-protocol").with(TestStaff.as(physician)))
			.andExpect(status().isBadRequest());
	}

	private static Dashboard.Row july2017(ClinicDashboard.Report report) {
		return report.rows().stream().filter((row) -> row.period().equals("2017-07")).findFirst().orElseThrow();
	}

	private void record(StaffPrincipal nurse, UUID patient, String timePoint, LocalDateTime at, int total) {
		this.responses.record(nurse, patient,
				new NewResponse("PHQ-9", ShippedInstruments.sumAnswersTotalling(ShippedInstruments.get("PHQ-9"), total),
						timePoint, null, at.atZone(nurse.clinicZone()).toInstant(), null, null),
				ResponseRecord.Source.API);
	}

}
