package org.ketacare.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Debian's Chromium driven headless, as the browser journeys use it: skipped with a loud
 * message where it is not installed, unless {@code KETACARE_BROWSER_REQUIRED=true}.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** Starts the browser, or aborts (or fails) the test class where it is missing. */
	public static HeadlessChromium start(String testName) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String message = "Browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
					+ ". Install the Debian packages: apt-get install chromium chromium-driver";
			if ("true".equalsIgnoreCase(System.getenv("KETACARE_BROWSER_REQUIRED"))) {
				fail(message + " (KETACARE_BROWSER_REQUIRED=true, so this fails instead of skipping)");
			}
			String line = "#".repeat(100);
			System.err.printf("%n%s%n#  SKIPPED: %s%n#  %s%n%s%n%n", line, testName, message, line);
			abort(message);
		}
		Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder").setLevel(Level.SEVERE);
		Path profile = Files.createTempDirectory("ketacare-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-gpu", "--lang=en-US", "--window-size=1280,900", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		return new HeadlessChromium(new ChromeDriver(service, options), profile);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Saves the whole page as {@code target/screenshots/<name>.png}, for people to look
	 * at.
	 */
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

	/**
	 * Waits for an element to leave the page, as a button does when its form's answer
	 * loads. Chromium sometimes reports an element of a page being replaced as a node
	 * that "does not belong to the document" rather than as stale; both mean gone.
	 */
	public static ExpectedCondition<Boolean> gone(WebElement element) {
		return (driver) -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (StaleElementReferenceException ex) {
				return true;
			}
			catch (WebDriverException ex) {
				if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
					return true;
				}
				throw ex;
			}
		};
	}

	private static double number(Map<String, Object> map, String key) {
		return ((Number) map.get(key)).doubleValue();
	}

	@Override
	public void close() throws IOException {
		this.driver.quit();
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

}
