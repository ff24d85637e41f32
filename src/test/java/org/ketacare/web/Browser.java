package org.ketacare.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for journey tests, set up as {@link SignInJourneyIT} does: skipped
 * with a loud message when Chromium is not installed, failing instead under
 * {@code KETACARE_BROWSER_REQUIRED=true}. Screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

	private final HeadlessChromium chromium;

	private final ChromeDriver driver;

	private final int port;

	private final WebDriverWait wait;

	private Browser(HeadlessChromium chromium, int port) {
		this.chromium = chromium;
		this.driver = chromium.driver();
		this.port = port;
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
	}

	/** Starts Chromium for the application on {@code port}, or skips the test class. */
	public static Browser start(Class<?> testClass, int port) throws IOException {
		return new Browser(HeadlessChromium.start(testClass.getSimpleName()), port);
	}

	@Override
	public void close() throws IOException {
		this.chromium.close();
	}

	public void open(String path) {
		this.driver.get("http://localhost:" + this.port + path);
	}

	/** Signs in on a fresh session and waits for the home page. */
	public void signIn(String username, String password) {
		this.driver.manage().deleteAllCookies();
		open("/login");
		type("username", username);
		type("password", password);
		click(By.xpath("//button[normalize-space()='Sign in']"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
	}

	public void signOut() {
		click(By.xpath("//button[normalize-space()='Sign out']"));
		this.wait.until(ExpectedConditions.urlContains("/login"));
	}

	public void type(String fieldId, String text) {
		WebElement field = this.wait.until(ExpectedConditions.elementToBeClickable(By.id(fieldId)));
		field.clear();
		field.sendKeys(text);
	}

	/**
	 * Types into the focused element, then moves on with Tab, as a person on the phone
	 * does.
	 */
	public void typeAndTab(String text) {
		WebElement focused = this.driver.switchTo().activeElement();
		focused.sendKeys(text);
		focused.sendKeys(Keys.TAB);
	}

	/**
	 * Presses Tab until the field has the focus; a date input takes a Tab per part, as
	 * many as the browser's locale has.
	 */
	public void tabTo(String fieldId) {
		for (int presses = 0; presses < 5; presses++) {
			if (fieldId.equals(this.driver.switchTo().activeElement().getDomAttribute("id"))) {
				return;
			}
			this.driver.switchTo().activeElement().sendKeys(Keys.TAB);
		}
		throw new AssertionError("Tab never reached " + fieldId);
	}

	/**
	 * Presses Tab from where the focus is until the link to {@code href} has it, as a
	 * person on the keyboard does.
	 */
	public void tabToLink(String href, int maxPresses) {
		for (int presses = 0; presses < maxPresses; presses++) {
			if (href.equals(focusedHref())) {
				return;
			}
			this.driver.switchTo().activeElement().sendKeys(Keys.TAB);
		}
		throw new AssertionError("Tab never reached the link to " + href);
	}

	/** The address of the focused link, or {@code null} when no link has the focus. */
	public String focusedHref() {
		return this.driver.switchTo().activeElement().getDomAttribute("href");
	}

	public void windowSize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	public void focus(String fieldId) {
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id(fieldId))).click();
	}

	/** Presses Enter in the focused element, and waits for the next page. */
	public void pressEnter() {
		WebElement focused = this.driver.switchTo().activeElement();
		WebElement page = this.driver.findElement(By.tagName("main"));
		focused.sendKeys(Keys.ENTER);
		this.wait.until(HeadlessChromium.gone(page));
	}

	/** Clicks and, when the click leaves the page, waits for the next one. */
	public void click(By what) {
		WebElement element = this.wait.until(ExpectedConditions.elementToBeClickable(what));
		WebElement page = this.driver.findElement(By.tagName("body"));
		element.click();
		try {
			new WebDriverWait(this.driver, Duration.ofSeconds(2)).until(HeadlessChromium.gone(page));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			// The click changed something on the page, such as a radio button.
		}
	}

	/** Clicks a control that stays on the page, such as a radio button or checkbox. */
	public void choose(String id) {
		WebElement element = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
		if (!element.isSelected()) {
			element.click();
		}
	}

	public void clickLink(String text) {
		click(By.linkText(text));
	}

	public void clickNavigation(String label) {
		click(By.cssSelector("nav[aria-label=Main] a[href$='" + label + "']"));
	}

	public String text(By what) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(what)).getText();
	}

	public String heading() {
		return text(By.tagName("h1"));
	}

	public List<WebElement> all(By what) {
		return this.driver.findElements(what);
	}

	public String currentPath() {
		return this.driver.getCurrentUrl().replaceFirst("https?://[^/]+", "");
	}

	public void screenshot(String name) {
		this.chromium.screenshot(name);
	}

}
