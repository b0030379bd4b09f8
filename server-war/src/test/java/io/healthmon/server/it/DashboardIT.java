package io.healthmon.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthmon.testsupport.PayaraDatabaseExtension;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium through its chromedriver, both
 * installed by .ci/run) against the deployed WAR with real data: sign-in gates everything, the fleet
 * table shows and filters the server, its page draws charts with points, the alerts page shows its
 * open alert with webhook delivery state, and the overview fits a phone's width; a server's page
 * charts its network throughput and inode use, and shows when each disk is forecast full. Screenshots of each page are left in target/screenshots.
 */
@ExtendWith({PayaraDatabaseExtension.class, ArquillianExtension.class})
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @ArquillianResource
    URL base;

    private WebDriver browser;
    private Path profile;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("healthmon.war")));
    }

    @BeforeEach
    void openBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver;"
                        + " .ci/run installs them)");
        profile = Files.createTempDirectory("healthmon-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void anOperatorSignsInSeesTheFleetAServersChartsAndItsOpenAlert() throws Exception {
        recordingFailure("failure", this::signInSeeFleetServerAndAlerts);
    }

    /** Runs a browser scenario; if it fails, what the browser showed is kept for whoever reads the failure. */
    private void recordingFailure(String name, Scenario scenario) throws Exception {
        try {
            scenario.run();
        } catch (Throwable failure) {
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource());
            Files.writeString(SCREENSHOTS.resolve(name + "-console.txt"), String.join("\n", browserErrors()));
            throw failure;
        }
    }

    @FunctionalInterface
    private interface Scenario {
        void run() throws Exception;
    }

    private void signInSeeFleetServerAndAlerts() throws Exception {
        ApiClient api = new ApiClient(base);
        String hot = "dash-hot-" + UUID.randomUUID().toString().substring(0, 6);
        String calm = "dash-calm-" + UUID.randomUUID().toString().substring(0, 6);
        String hotKey = api.register(hot);
        String calmKey = api.register(calm);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int minute = 30; minute >= 1; minute--) {
            double cpu = minute == 1 ? 95 : 20 + minute;
            assertEquals(200, api.postMetrics(hotKey, Reports.report(hot, now.minus(Duration.ofMinutes(minute)), cpu, 50)).status());
        }
        assertEquals(200, api.postMetrics(calmKey, Reports.report(calm, now, 5, 10)).status());

        // The page redraws itself (refreshes, range changes): an element found a moment ago may be gone.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(base.toString());

        // Nothing but the sign-in form without the token; a wrong token is refused.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertTrue(browser.findElements(By.id("fleet")).isEmpty(), "no fleet table before sign-in");
        browser.findElement(By.id("token")).sendKeys("not-the-token-at-all", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "refused"));
        assertTrue(browser.findElements(By.id("fleet")).isEmpty(), "no fleet table with a wrong token");

        // Signing in with the keyboard only.
        browser.findElement(By.id("token")).sendKeys(ApiClient.ADMIN_TOKEN, Keys.ENTER);
        WebElement hotRow = wait.until(ExpectedConditions.visibilityOfElementLocated(row(hot)));
        assertTrue(hotRow.getAttribute("class").contains("warning"), "CPU 95 makes it stand out as Warning");
        assertTrue(hotRow.getText().contains("95.0 %"), hotRow.getText());
        assertTrue(browser.findElement(By.cssSelector(".counts [data-status='WARNING'] .n")).getText().matches("[1-9][0-9]*"));
        screenshot("overview");

        // Filtering narrows the table to matching servers.
        browser.findElement(By.id("filter-text")).sendKeys(calm);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(row(hot)));
        assertEquals(1, browser.findElements(By.cssSelector("#fleet tbody tr")).size());
        browser.findElement(By.id("filter-text")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        wait.until(ExpectedConditions.visibilityOfElementLocated(row(hot)));
        browser.findElement(By.id("sort-cpu")).click();
        assertEquals("ascending", browser.findElement(By.xpath("//th[button[@id='sort-cpu']]")).getAttribute("aria-sort"));

        // The server's page: charts drawn from its 30 reports, and its open alert.
        browser.findElement(By.cssSelector("#fleet tr[data-server='" + hot + "'] a")).click();
        WebElement cpuChart = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-cpu canvas")));
        assertTrue(cpuChart.isDisplayed());
        assertEquals("30", browser.findElement(By.id("chart-cpu")).getAttribute("data-points"));
        assertEquals("30", browser.findElement(By.id("chart-disks")).getAttribute("data-points"));
        assertTrue(browser.findElement(By.id("main")).getText().contains("High CPU"), "the server's alerts are listed");
        screenshot("server");

        // Re-enrolling the server's agent: a one-time token, shown with the command that uses it, which
        // registers the agent again and revokes the old key as asked.
        browser.findElement(By.id("reenrol-revoke")).click();
        browser.findElement(By.id("reenrol-issue")).click();
        String command = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reenrol-command"))).getText();
        assertTrue(command.startsWith("healthmon-agent register --server ") && command.contains("--token hme_"), command);
        screenshot("reenrol");
        String oneTime = command.substring(command.indexOf("--token ") + "--token ".length()).trim();
        ApiClient.Answer again = api.post("api/v1/register", "{\"server_id\":\"" + hot + "\"}",
                Map.of("Authorization", "Bearer " + oneTime));
        assertEquals(201, again.status(), again.body());
        assertEquals(401, api.postMetrics(hotKey, Reports.report(hot, Instant.now().minusSeconds(5), 10, 10)).status(),
                "the old key was revoked");
        browser.findElement(By.id("range-24h")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("range-24h"), "aria-pressed", "true"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-cpu canvas")));

        // The alerts page: the open alert with its webhook deliveries (no receiver listens in this test).
        // The high-CPU alert's row: by now the server may also be Down with an offline alert listed above
        // it, since this deployment's offline timeout is 5 s and a slow machine takes longer to get here.
        browser.findElement(By.cssSelector("#nav a[data-route='alerts']")).click();
        WebElement alertRow = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[contains(@class,'alerts')]//tr[td/a[text()='" + hot + "'] and contains(., 'High CPU')]")));
        assertTrue(alertRow.getText().contains("High CPU") && alertRow.getText().contains("Open"), alertRow.getText());
        assertTrue(alertRow.getText().contains("127.0.0.1:18931"), "delivery state per receiver: " + alertRow.getText());
        screenshot("alerts");

        // At phone width the page does not scroll sideways (wide tables scroll inside their box).
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base + "#/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row(hot)));
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow <= 0, "no sideways scrolling at 390 px: " + overflow + " px too wide");
        screenshot("overview-phone");

        List<String> errors = browserErrors();
        assertTrue(errors.isEmpty(), "no script or CSP errors: " + errors);

        // Signing out hides everything again.
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertFalse(browser.findElement(By.id("view")).isDisplayed());
    }

    @Test
    void anOperatorSilencesAServerFromItsPageSeesItMarkedSilencedAndEndsTheSilence() throws Exception {
        recordingFailure("silence-failure", this::silenceFromTheServerPage);
    }

    private void silenceFromTheServerPage() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = "dash-quiet-" + UUID.randomUUID().toString().substring(0, 6);
        String key = api.register(serverId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int minute = 20; minute >= 0; minute--) {
            double cpu = minute <= 2 ? 96 : 30 + minute;
            assertEquals(200, api.postMetrics(key, Reports.report(serverId, now.minus(Duration.ofMinutes(minute)), cpu, 60)).status());
        }
        WebDriverWait wait = signInAndOpenServerPage(serverId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("silence-form")));

        // A maintenance window for 4 hours, set from the page.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("silence-hours"))).selectByValue("4");
        browser.findElement(By.id("silence-comment")).sendKeys("kernel upgrade and reboot");
        browser.findElement(By.id("silence-by")).sendKeys("alice");
        browser.findElement(By.id("silence-add")).click();
        WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#silences li")));
        assertTrue(listed.getText().contains("kernel upgrade and reboot") && listed.getText().contains("alice"), listed.getText());
        WebElement alertRow = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[contains(@class,'alerts')]//tr[contains(., 'High CPU')]")));
        assertTrue(alertRow.getText().contains("Silenced"), "the open alert is shown, marked silenced: " + alertRow.getText());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-cpu canvas")));
        screenshot("server-silenced");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", alertRow);
        screenshot("server-silenced-alerts");

        browser.get(base + "#/");
        WebElement fleetRow = wait.until(ExpectedConditions.visibilityOfElementLocated(row(serverId)));
        assertTrue(fleetRow.getText().contains("Silenced"), fleetRow.getText());

        // Ended early from the page: no longer silenced, the silence kept as expired.
        browser.get(base + "#/servers/" + serverId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#silences li button"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#silences li")));
        assertTrue(api.getAsOperator("api/v1/silences?state=expired").body().contains("kernel upgrade and reboot"));
        List<String> errors = browserErrors();
        assertTrue(errors.isEmpty(), "no script or CSP errors: " + errors);
    }

    @Test
    void aServersPageChartsItsNetworkThroughputAndInodeUse() throws Exception {
        recordingFailure("failure-network-inodes", this::seeNetworkAndInodeCharts);
    }

    private void seeNetworkAndInodeCharts() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = "dash-net-" + UUID.randomUUID().toString().substring(0, 6);
        String key = api.register(serverId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Half an hour of reports a minute apart: eth0 busy and varying, wlan0 quiet; the host reboots
        // 15 minutes ago (uptime and counters start again), which must leave a gap, not a spike; /var's
        // inodes fill past the inode threshold and open an INODES_HIGH alert.
        long ethReceived = 0;
        long ethSent = 0;
        long wlan = 0;
        long uptime = 50_000;
        for (int minute = 30; minute >= 1; minute--) {
            if (minute == 15) {
                ethReceived = 0;
                ethSent = 0;
                wlan = 0;
                uptime = 20;
            } else {
                ethReceived += 60L * (400_000 + 300_000 * Math.round(Math.sin(minute / 3.0) * 10) / 10);
                ethSent += 60L * 120_000;
                wlan += 60L * 2_000;
                uptime += 60;
            }
            double varInodes = 80 + (30 - minute) * 0.5;
            String body = Reports.withInodesAndNetwork(serverId, now.minus(Duration.ofMinutes(minute)), 20, 40, uptime,
                    Map.of("/", 31.0 + (30 - minute) * 0.1, "/var", varInodes),
                    Map.of("eth0", new long[] {ethReceived, ethSent}, "wlan0", new long[] {wlan, wlan / 4}));
            ApiClient.Answer answer = api.postMetrics(key, body);
            assertEquals(200, answer.status(), answer.body());
        }

        WebDriverWait wait = signInAndOpenServerPage(serverId);

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-network canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-inodes canvas")));
        assertEquals("30", browser.findElement(By.id("chart-network")).getAttribute("data-points"));
        assertEquals("4", browser.findElement(By.id("chart-network")).getAttribute("data-series"), "in and out of two interfaces");
        assertEquals("2", browser.findElement(By.id("chart-inodes")).getAttribute("data-series"), "two mountpoints");
        String inodeFacts = browser.findElement(By.id("fact-inodes")).getText();
        assertTrue(inodeFacts.contains("/var 94.5 %") && inodeFacts.contains("/ 33.9 %"), inodeFacts);
        String networkFacts = browser.findElement(By.id("fact-network")).getText();
        assertTrue(networkFacts.contains("eth0: in ") && networkFacts.contains("out 120 kB/s")
                && networkFacts.contains("wlan0: in 2.0 kB/s, out 500 B/s"), networkFacts);
        assertTrue(browser.findElement(By.id("main")).getText().contains("Inodes nearly used up: /var"), "the inode alert is listed");

        WebElement network = browser.findElement(By.xpath("//figure[div[@id='chart-network']]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", network);
        screenshot("server-network-inodes");
        elementScreenshot(network, "chart-network");
        elementScreenshot(browser.findElement(By.xpath("//figure[div[@id='chart-inodes']]")), "chart-inodes");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        screenshot("server-facts-network-inodes");

        List<String> errors = browserErrors();
        assertTrue(errors.isEmpty(), "no script or CSP errors: " + errors);
    }

    @Test
    void aServersPageShowsWhenEachDiskIsForecastFull() throws Exception {
        recordingFailure("failure-disk-forecast", this::seeDiskForecast);
    }

    private void seeDiskForecast() throws Exception {
        ApiClient api = new ApiClient(base);
        String serverId = "dash-disk-" + UUID.randomUUID().toString().substring(0, 6);
        String key = api.register(serverId);
        // Six hours of reports 15 minutes apart: "/" rises a point each (4 points an hour) from 50 %, so
        // it is full about 7 h from now and opens DISK_FILLING (24 h horizon); "/var" stays at 35 %.
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(345));
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 24; i++) {
            batch.append(i == 0 ? "" : ",").append(Reports.withDisks(serverId, first.plus(Duration.ofMinutes(15L * i)),
                    Map.of("/", 50.0 + i, "/var", 35.0)));
        }
        ApiClient.Answer answer = api.postMetrics(key, batch.append("]").toString());
        assertEquals(200, answer.status(), answer.body());
        api.awaitAlert(serverId, "open", "DISK_FILLING");

        WebDriverWait wait = signInAndOpenServerPage(serverId);

        WebElement root = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fact-disk-full li[data-mountpoint='/']")));
        assertTrue(root.getText().startsWith("/: full in 7 h ("), root.getText());
        assertEquals("/var: not forecast to fill", browser.findElement(By.cssSelector("#fact-disk-full li[data-mountpoint='/var']")).getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Disk filling up: /"));
        assertTrue(browser.findElement(By.id("main")).getText().contains("% forecast at the horizon's end (limit 100 %)"),
                "the alert's value is the use forecast at the horizon's end");
        screenshot("server-disk-forecast");
        elementScreenshot(browser.findElement(By.xpath("//dl[@class='facts']/..")), "disk-forecast");
        WebElement alerts = browser.findElement(By.cssSelector("table.alerts"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", alerts);
        elementScreenshot(alerts, "disk-forecast-alert");

        List<String> errors = browserErrors();
        assertTrue(errors.isEmpty(), "no script or CSP errors: " + errors);
    }

    /** Signs in, waits for the server in the fleet table, opens its page; the wait is the scenario's. */
    private WebDriverWait signInAndOpenServerPage(String serverId) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(base.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(ApiClient.ADMIN_TOKEN, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(row(serverId)));
        browser.get(base + "#/servers/" + serverId);
        return wait;
    }

    private void elementScreenshot(WebElement element, String name) throws IOException {
        File shot = element.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static By row(String serverId) {
        return By.cssSelector("#fleet tr[data-server='" + serverId + "']");
    }

    /** The console's errors (failed scripts, CSP violations); a refused sign-in's 401 is expected. */
    private List<String> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("401"))
                .toList();
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
