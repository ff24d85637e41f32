package org.ketacare.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
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
 * Headless Debian Chromium for the browser tests: starts it (or skips the test class
 * loudly when it is not installed, and fails instead under
 * {@code KETACARE_BROWSER_REQUIRED=true}), takes full-page screenshots into
 * {@code target/screenshots}, and cleans up.
 */
public final class Chromium {

	public static final Dimension DESKTOP = new Dimension(1280, 900);

	public static final Dimension TABLET = new Dimension(768, 1024);

	public static final Dimension PHONE = new Dimension(390, 844);

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/**
	 * Screenshots use plain CDP commands through chromedriver, not Selenium's versioned
	 * DevTools classes.
	 */
	private static final Logger CDP_VERSION_WARNINGS = Logger
		.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

	private final ChromeDriver driver;

	private final Path profile;

	private Chromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** Starts a browser for the test class, or skips it when Chromium is missing. */
	public static Chromium start(Class<?> testClass) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			missing(testClass);
		}
		CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
		Path profile = Files.createTempDirectory("ketacare-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-gpu", "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight(),
				"--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		return new Chromium(new ChromeDriver(service, options), profile);
	}

	private static void missing(Class<?> testClass) {
		String message = "Browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
				+ ". Install the Debian packages: apt-get install chromium chromium-driver";
		if ("true".equalsIgnoreCase(System.getenv("KETACARE_BROWSER_REQUIRED"))) {
			fail(message + " (KETACARE_BROWSER_REQUIRED=true, so this fails instead of skipping)");
		}
		String line = "#".repeat(100);
		System.err.printf("%n%s%n#  SKIPPED: %s%n#  %s%n%s%n%n", line, testClass.getSimpleName(), message, line);
		abort(message);
	}

	/**
	 * Waits for an element to leave the page, as a button does when its form's answer
	 * loads. Chromium sometimes reports an element of the page being replaced as a node
	 * that "does not belong to the document" instead of a stale element; both mean gone.
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

	public ChromeDriver driver() {
		return this.driver;
	}

	public void quit() throws IOException {
		this.driver.quit();
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	/**
	 * A screenshot of the page as it looks in a viewport of this size; the window is back
	 * at desktop size afterwards.
	 */
	public void screenshot(String name, Dimension viewport) {
		try {
			useViewport(viewport);
			screenshot(name);
		}
		catch (RuntimeException ex) {
			System.err.println("Screenshot " + name + " not saved: " + ex);
		}
		finally {
			this.driver.manage().window().setSize(DESKTOP);
		}
	}

	/** Sizes the window so that the page itself gets this viewport. */
	public void useViewport(Dimension viewport) {
		this.driver.manage().window().setSize(viewport);
		List<?> inner = (List<?>) this.driver.executeScript("return [window.innerWidth, window.innerHeight];");
		int width = 2 * viewport.getWidth() - ((Number) inner.get(0)).intValue();
		int height = 2 * viewport.getHeight() - ((Number) inner.get(1)).intValue();
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/** A full-page screenshot at the current window size. */
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
