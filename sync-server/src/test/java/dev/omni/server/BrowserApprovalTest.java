package dev.omni.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.server.testing.ApiClient;
import dev.omni.server.testing.ApiClient.Reply;
import dev.omni.server.testing.Backend;
import dev.omni.server.testing.TestServer;
import dev.omni.server.testing.TestUser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The approval pages in a real browser (Debian's headless chromium and chromedriver, installed by
 * .ci/run): a device asks for a code and polls; a person signs in, confirms the pre-filled code,
 * sees which client asks and approves or denies; the polling device gets its token or
 * access_denied. Missing browser binaries fail the test: they never skip it silently.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class BrowserApprovalTest {
    @Parameter
    Backend backend;
    static final String CHROMIUM = System.getProperty("omni.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("omni.chromedriver", "/usr/bin/chromedriver");
    static TestServer server;
    static TestUser ann;
    WebDriver browser;
    Path profile;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        assertThat(new File(CHROMIUM).canExecute()).as("chromium is needed: apt-get install -y chromium chromium-driver").isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute()).as("chromedriver is needed: apt-get install -y chromium chromium-driver")
                .isTrue();
        server = TestServer.start(backend);
        ann = server.createUser("ann@example.org", "correct horse battery");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("omni-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // No outside network here: without these flags chromium waits on connections it cannot make.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // A click that submits a form returns before the next page is there: lookups wait for it.
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));
        browser.manage().window().setSize(new Dimension(390, 844)); // a phone
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            TestServer.deleteTree(profile);
        }
    }

    /** A device: asks for a code, then polls the token endpoint until it has an answer. */
    record Device(Map<String, Object> authorization, CompletableFuture<Reply> answer) {
        static Device start(String clientId) {
            ApiClient anon = server.client(null);
            Map<String, Object> a = anon.form("/oauth/device_authorization",
                    Map.of("client_id", clientId, "device_name", "ann-laptop")).json();
            CompletableFuture<Reply> answer = CompletableFuture.supplyAsync(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    Reply r = anon.form("/oauth/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                            "device_code", (String) a.get("device_code"), "client_id", clientId));
                    if (r.status() == 200 || !"authorization_pending".equals(r.error())) {
                        return r;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return r;
                    }
                }
                throw new IllegalStateException("no answer within 60 s");
            });
            return new Device(a, answer);
        }

        String userCode() {
            return (String) authorization.get("user_code");
        }
    }

    private void signInAndConfirm(Device device) {
        browser.get((String) device.authorization().get("verification_uri_complete"));
        assertThat(browser.getCurrentUrl()).contains("/login");
        browser.findElement(By.id("email")).sendKeys(ann.email());
        browser.findElement(By.id("password")).sendKeys(ann.password());
        browser.findElement(By.id("sign-in")).click();

        assertThat(browser.findElement(By.id("user_code")).getAttribute("value")).isEqualTo(device.userCode());
        assertThat(browser.getCurrentUrl()).contains("/device?user_code=");
        browser.findElement(By.id("continue")).click();

        assertThat(browser.findElement(By.id("code")).getText()).isEqualTo(device.userCode());
        assertThat(browser.findElement(By.id("client-id")).getText()).isEqualTo("omni-cli");
        assertThat(browser.findElement(By.id("device-name")).getText()).isEqualTo("ann-laptop");
        screenshot("confirm");
    }

    @Test
    void signInEnterCodeApproveAndThePollingDeviceGetsItsToken() throws Exception {
        Device device = Device.start("omni-cli");
        signInAndConfirm(device);
        browser.findElement(By.id("approve")).click();
        assertThat(browser.findElement(By.id("result")).getText()).isEqualTo("Device approved");
        screenshot("approved");

        Reply token = device.answer().get(30, TimeUnit.SECONDS);
        assertThat(token.status()).as(token.text()).isEqualTo(200);
        String accessToken = (String) token.json().get("access_token");
        assertThat(server.client(accessToken).get("/v1/me").json()).containsEntry("email", ann.email());
    }

    @Test
    void denyingTellsThePollingDeviceAccessDenied() throws Exception {
        Device device = Device.start("omni-cli");
        signInAndConfirm(device);
        browser.findElement(By.id("deny")).click();
        assertThat(browser.findElement(By.id("result")).getText()).isEqualTo("Request denied");

        Reply answer = device.answer().get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("access_denied");
    }

    /** Keeps what the browser showed, for a person to look at (target/browser-*.png). */
    private void screenshot(String name) {
        try {
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(Path.of("target", "browser-" + name + ".png"), png);
        } catch (Exception ignored) {
            // a missing screenshot is no test failure
        }
    }
}
