package org.ketacare.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Headless Chromium for journey tests, set up as {@link SignInJourneyIT} does: skipped
 * with a loud message when Chromium is not installed, failing instead under
 * {@code KETACARE_BROWSER_REQUIRED=true}. Screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Dimension DESKTOP = new Dimension(1280, 900);

	private final ChromeDriver driver;

	private final Path profile;

	private final int port;

	private final WebDriverWait wait;

	private Browser(ChromeDriver driver, Path profile, int port) {
		this.driver = driver;
		this.profile = profile;
		this.port = port;
		this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
	}

	/** Starts Chromium for the application on {@code port}, or skips the test class. */
	public static Browser start(Class<?> testClass, int port) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String message = "Browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
					+ ". Install the Debian packages: apt-get install chromium chromium-driver";
			if ("true".equalsIgnoreCase(System.getenv("KETACARE_BROWSER_REQUIRED"))) {
				fail(message + " (KETACARE_BROWSER_REQUIRED=true, so this fails instead of skipping)");
			}
			String line = "#".repeat(100);
			System.err.printf("%n%s%n#  SKIPPED: %s%n#  %s%n%s%n%n", line, testClass.getSimpleName(), message, line);
			abort(message);
		}
		Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder").setLevel(Level.SEVERE);
		Path profile = Files.createTempDirectory("ketacare-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-gpu", "--lang=en-US", "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight(),
				"--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		return new Browser(new ChromeDriver(service, options), profile, port);
	}

	@Override
	public void close() throws IOException {
		this.driver.quit();
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
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

	public void focus(String fieldId) {
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id(fieldId))).click();
	}

	/** Presses Enter in the focused element, and waits for the next page. */
	public void pressEnter() {
		WebElement focused = this.driver.switchTo().activeElement();
		WebElement page = this.driver.findElement(By.tagName("main"));
		focused.sendKeys(Keys.ENTER);
		this.wait.until(ExpectedConditions.stalenessOf(page));
	}

	/** Clicks and, when the click leaves the page, waits for the next one. */
	public void click(By what) {
		WebElement element = this.wait.until(ExpectedConditions.elementToBeClickable(what));
		WebElement page = this.driver.findElement(By.tagName("body"));
		element.click();
		try {
			new WebDriverWait(this.driver, Duration.ofSeconds(2)).until(ExpectedConditions.stalenessOf(page));
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

	@SuppressWarnings("unchecked")
	public void screenshot(String name) {
		try {
			Map<String, Object> metrics = this.driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
			Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
			Map<String, Object> viewport = (Map<String, Object>) metrics.get("cssLayoutViewport");
			double width = Math.max(number(content, "width"), number(viewport, "clientWidth"));
			double height = Math.max(number(content, "height"), number(viewport, "clientHeight"));
			Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot",
					Map.of("format", "png", "captureBeyondViewport", true, "clip",
							Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
		}
		catch (RuntimeException | IOException ex) {
			System.err.println("Screenshot " + name + " not saved: " + ex);
		}
	}

	private static double number(Map<String, Object> map, String key) {
		return ((Number) map.get(key)).doubleValue();
	}

}
