package io.chimera.insight.app.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through Debian's {@code chromedriver}: both paths are
 * given, so Selenium Manager never looks for (or downloads) a browser or a driver. The project's
 * test set-up installs both ({@code deploy/browser/install-chromium.sh}, run by {@code .ci/run}).
 * Where they are missing the browser tests are skipped with one line saying why; under
 * {@code CI=true} that skip would hide them, so it fails instead (as the container tier does).
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of(System.getenv().getOrDefault("CHIMERA_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHIMERA_CHROMEDRIVER", "/usr/bin/chromedriver"));
    /** Where the screenshots go: a test artifact of the module's build. */
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private HeadlessChromium() {
    }

    /** A headless browser, or the test skipped (failed under CI=true) when chromium or its driver is missing. */
    static WebDriver start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            String why = "no " + (Files.isExecutable(BROWSER) ? DRIVER : BROWSER)
                    + ": install chromium and chromium-driver with deploy/browser/install-chromium.sh";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true and the browser tests cannot run: " + why);
            }
            System.err.println("browser tests skipped: " + why);
            Assumptions.abort("browser tests skipped: " + why);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions", "--lang=en-US");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}. */
    static Path screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
