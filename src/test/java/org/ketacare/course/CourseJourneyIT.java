package org.ketacare.course;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.web.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator's journey in a real browser: find an approved patient, propose a
 * course, book it, see it on the day view, and move one session.
 */
@KetaCareIntegrationTest
class CourseJourneyIT {

	private static HeadlessChromium chromium;

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestStaff staff;

	@BeforeAll
	static void startBrowser() throws Exception {
		chromium = HeadlessChromium.start(CourseJourneyIT.class.getSimpleName());
	}

	@AfterAll
	static void quitBrowser() throws Exception {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void aCoordinatorPlansAndBooksAFullCourseSeesItOnTheDayAndMovesASession() throws Exception {
		String familyName = "Journey" + UUID.randomUUID().toString().substring(0, 4);
		TestPatients.approved(this.mvc, this.staff, "main", familyName);
		ChromeDriver browser = chromium.driver();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		browser.manage().deleteAllCookies();
		browser.get("http://localhost:" + this.port + "/");
		wait.until(ExpectedConditions.urlContains("/login"));
		browser.findElement(By.id("username")).sendKeys("intake.main");
		browser.findElement(By.id("password")).sendKeys(TestStaff.DEMO_PASSWORD);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));

		browser.findElement(By.linkText("Schedule")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText("Plan a course"))).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("q"))).sendKeys(familyName);
		browser.findElement(By.xpath("//button[text()='Find']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.partialLinkText(familyName))).click();

		LocalDate start = CourseApiIT.someMonday();
		WebElement startDate = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("startDate")));
		browser.executeScript("arguments[0].value = arguments[1]", startDate, start.toString());
		browser.findElement(By.id("propose")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("proposal")));
		assertThat(browser.findElements(By.cssSelector("#proposal tbody tr"))).hasSize(7);
		chromium.screenshot("course-proposal");

		browser.findElement(By.id("book")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
		assertThat(browser.findElement(By.cssSelector("[role=status].flash")).getText()).contains("Course booked");
		List<WebElement> rows = browser.findElements(By.cssSelector("#timeline tbody tr"));
		assertThat(rows).hasSize(7);
		assertThat(rows.get(6).getText()).contains("Follow-up visit");
		chromium.screenshot("course-timeline");
		String courseUrl = browser.getCurrentUrl();

		String firstStart = browser.findElement(By.id("move-0")).getDomProperty("value");
		LocalDate firstDay = LocalDateTime.parse(firstStart).toLocalDate();
		browser.get("http://localhost:" + this.port + "/schedule?date=" + firstDay);
		WebElement grid = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("day-grid")));
		assertThat(grid.getText()).contains("Alex " + familyName).contains("Infusion 1");
		chromium.screenshot("schedule-day");

		browser.get(courseUrl);
		LocalDateTime booked = LocalDateTime
			.parse(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("move-1"))).getDomProperty("value"));
		// Other tests book into the same clinic's weeks, so an hour later may be taken:
		// the
		// coordinator is told why and tries the next time, as at the desk.
		LocalDateTime moved = null;
		for (int hours : new int[] { 1, 2, -1, 3, -2 }) {
			LocalDateTime target = booked.plusHours(hours);
			WebElement secondRow = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("appointment-1")));
			secondRow.findElement(By.xpath(".//summary[text()='Move']")).click();
			WebElement newStart = secondRow.findElement(By.id("move-1"));
			browser.executeScript("arguments[0].value = arguments[1]", newStart, target.toString());
			secondRow.findElement(By.xpath(".//button[text()='Move']")).click();
			wait.until(ExpectedConditions.or(
					ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status].flash")),
					ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert].error-summary"))));
			if (!browser.findElements(By.cssSelector("[role=status].flash")).isEmpty()) {
				assertThat(browser.findElement(By.cssSelector("[role=status].flash")).getText()).isEqualTo("Moved");
				moved = target;
				break;
			}
			assertThat(browser.findElement(By.cssSelector("[role=alert].error-summary")).getText()).isNotBlank();
			browser.get(courseUrl);
		}
		assertThat(moved).as("one of the times tried was free").isNotNull();
		assertThat(browser.findElement(By.id("move-1")).getDomProperty("value")).startsWith(moved.toString());
	}

}
