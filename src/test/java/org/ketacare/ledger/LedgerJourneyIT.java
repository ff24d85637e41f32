package org.ketacare.ledger;

import java.io.IOException;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;
import org.ketacare.web.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger in a real browser, as the clinic uses it: the administrator receives stock,
 * a nurse draws for a visit and wastes the remainder in front of a colleague, and two
 * people sign the daily count. Screenshots of each page go to
 * {@code target/screenshots/ledger-*.png}.
 */
@KetaCareIntegrationTest
class LedgerJourneyIT {

	private static HeadlessChromium chromium;

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestStaff staff;

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerQueries queries;

	private WebDriverWait wait;

	@BeforeAll
	static void startBrowser() throws IOException {
		chromium = HeadlessChromium.start(LedgerJourneyIT.class.getSimpleName());
		browser = chromium.driver();
	}

	@AfterAll
	static void quitBrowser() throws IOException {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void receiveDrawWasteWithAWitnessAndCountTheStock() {
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		StaffPrincipal admin = this.staff.demo("admin.main");
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		StaffPrincipal colleague = this.staff.create("main", Role.NURSE);
		LocalDate today = this.ledger.today(admin);
		String lot = "BR" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

		signIn("admin.main", TestStaff.DEMO_PASSWORD);
		browser.findElement(By.cssSelector("nav[aria-label=Main]")).findElement(By.linkText("Ketamine ledger")).click();
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Ketamine ledger"));
		browser.findElement(By.linkText("Receive stock")).click();
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Receive stock"));
		type("supplierName", "Acme Drug Distribution");
		type("supplierAddress", "1 Depot Road, Newark NJ");
		type("supplierDea", "PB1234560");
		type("invoice", "INV-" + lot);
		date("receivedOn", today);
		type("product.name", "Ketamine hydrochloride injection");
		type("product.ndc", LedgerFixtures.uniqueNdc());
		type("product.concentrationMgPerMl", "50");
		type("product.containerMl", "10");
		type("lot0", lot);
		date("expiry0", today.plusYears(1));
		type("quantity0", "2");
		submit("Receive into stock");
		assertThat(this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("supplierDea-error"))).getText())
			.contains("wrong check digit");
		chromium.screenshot("ledger-receive-error");
		type("supplierDea", "PB1234563");
		submit("Receive into stock");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Ketamine ledger"));
		assertThat(flash()).startsWith("Received 2 containers of Ketamine hydrochloride injection 50 mg/mL, 10 mL");
		assertThat(browser.findElement(By.id("vials")).getText()).contains("lot " + lot + " #1", "lot " + lot + " #2");
		chromium.screenshot("ledger-stock");
		signOut();

		signIn(nurse.username(), TestStaff.PASSWORD);
		open("/ledger");
		browser.findElement(By.linkText("Draw for a visit")).click();
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Draw for a visit"));
		Select vial = new Select(browser.findElement(By.id("vialId")));
		vial.selectByVisibleText(vial.getOptions()
			.stream()
			.map(WebElement::getText)
			.filter((text) -> text.startsWith("lot " + lot + " #1"))
			.findFirst()
			.orElseThrow());
		type("visitId", UUID.randomUUID().toString());
		type("mg", "37.5");
		chromium.screenshot("ledger-draw");
		submit("Record the draw");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Draw of 37.5 mg"));
		assertThat(flash()).isEqualTo("Drew 37.5 mg (0.75 mL) from vial lot " + lot + " #1");
		assertThat(browser.findElement(By.id("remaining")).getText()).isEqualTo("37.5 mg");

		type("method", "expelled into the drug waste container");
		type("witnessUsername", nurse.username());
		type("witnessPassword", TestStaff.PASSWORD);
		submit("Record witnessed waste");
		assertThat(this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary")))
			.getText()).contains("The witness must be another person");
		type("method", "expelled into the drug waste container");
		type("witnessUsername", colleague.username());
		type("witnessPassword", TestStaff.PASSWORD);
		submit("Record witnessed waste");
		this.wait.until(ExpectedConditions.textToBe(By.id("remaining"), "0 mg"));
		assertThat(flash()).isEqualTo("Wasted 37.5 mg, witnessed by " + colleague.displayName());
		chromium.screenshot("ledger-draw-wasted");

		open("/ledger/counts/new");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Count with a witness"));
		int counted = 0;
		for (Vial onHand : this.queries.vialsOnHand(nurse.clinicId())) {
			type("count-" + onHand.id(),
					onHand.balanceMg()
						.divide(onHand.concentrationMgPerMl(), 3, RoundingMode.UNNECESSARY)
						.stripTrailingZeros()
						.toPlainString());
			counted++;
		}
		type("password", TestStaff.PASSWORD);
		type("witnessUsername", colleague.username());
		type("witnessPassword", TestStaff.PASSWORD);
		chromium.screenshot("ledger-count");
		submit("Sign the count");
		this.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Ketamine ledger"));
		assertThat(flash()).isEqualTo("Count recorded: " + counted + " vials, 0 discrepancies");
		assertThat(browser.findElement(By.id("attention-heading")).isDisplayed()).isTrue();
		assertThat(this.ledger
			.vial(nurse.clinicId(),
					this.queries.vialsOnHand(nurse.clinicId())
						.stream()
						.filter((v) -> v.lot().equals(lot) && v.containerNo() == 1)
						.findFirst()
						.orElseThrow()
						.id())
			.balanceMg()).isEqualByComparingTo("462.5");
		chromium.screenshot("ledger-after-count");
		browser.manage().window().setSize(new Dimension(768, 1024));
		chromium.screenshot("ledger-after-count-tablet");
		browser.manage().window().setSize(new Dimension(1280, 900));
		signOut();
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

	private void signIn(String username, String password) {
		browser.manage().deleteAllCookies();
		open("/login");
		this.wait.until(ExpectedConditions.urlContains("/login"));
		type("username", username);
		type("password", password);
		submit("Sign in");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
	}

	private void signOut() {
		submit("Sign out");
		this.wait.until(ExpectedConditions.urlContains("signedOut"));
	}

	private String flash() {
		return browser.findElement(By.cssSelector("[role=status].flash")).getText();
	}

	private void type(String fieldId, String text) {
		WebElement field = this.wait.until(ExpectedConditions.elementToBeClickable(By.id(fieldId)));
		field.clear();
		field.sendKeys(text);
	}

	/**
	 * Date inputs take the date typed in the browser's locale order; setting the value is
	 * locale-proof.
	 */
	private void date(String fieldId, LocalDate date) {
		WebElement field = this.wait.until(ExpectedConditions.elementToBeClickable(By.id(fieldId)));
		browser.executeScript("arguments[0].value = arguments[1];", field, date.toString());
	}

	private void submit(String buttonText) {
		WebElement button = browser.findElement(By.xpath("//button[normalize-space()='" + buttonText + "']"));
		button.click();
		this.wait.until(HeadlessChromium.gone(button));
	}

}
