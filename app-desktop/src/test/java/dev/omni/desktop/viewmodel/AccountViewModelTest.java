package dev.omni.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.core.config.Config;
import dev.omni.desktop.TestApp;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountViewModelTest {
    @TempDir
    Path dir;
    TestApp t;
    AccountViewModel vm;

    @BeforeEach
    void setUp() {
        t = TestApp.sync(dir);
        vm = new AccountViewModel(t.app);
        vm.refresh();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void loginShowsTheCodeAndItsQrCodeThenReportsSuccess() {
        assertThat(vm.stateProperty().get()).isEqualTo(AccountViewModel.LoginState.LOGGED_OUT);
        vm.serverProperty().set("https://omni.test");

        vm.login();

        assertThat(vm.stateProperty().get()).isEqualTo(AccountViewModel.LoginState.LOGGED_IN);
        assertThat(vm.statusProperty().get()).contains("ann@example.org").contains("https://omni.test");
        assertThat(t.notice()).isEqualTo("Logged in as ann@example.org on https://omni.test.");
    }

    @Test
    void whileWaitingTheCodeTheLinkAndTheQrCodeAreShownAndTheBrowserOpensTheFullLink() {
        t.accounts.failure = new dev.omni.core.OmniException(dev.omni.core.OmniException.Kind.AUTH, "the login was denied in the browser");
        String[] seen = new String[3];
        QrCode[] qr = new QrCode[1];
        vm.userCodeProperty().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                seen[0] = now;
                seen[1] = vm.verificationUriProperty().get();
                seen[2] = vm.verificationUriCompleteProperty().get();
                qr[0] = vm.qrProperty().get();
                vm.openBrowser();
            }
        });

        vm.login();

        assertThat(seen).containsExactly("WDJB-MJHT", "https://omni.test/device", "https://omni.test/device?code=WDJB-MJHT");
        assertThat(qr[0].text()).isEqualTo("https://omni.test/device?code=WDJB-MJHT");
        assertThat(qr[0].size()).isGreaterThan(20);
        assertThat(t.opened).containsExactly("https://omni.test/device?code=WDJB-MJHT");
        assertThat(t.notice()).isEqualTo("the login was denied in the browser");
        assertThat(vm.stateProperty().get()).isEqualTo(AccountViewModel.LoginState.LOGGED_OUT);
        assertThat(vm.userCodeProperty().get()).isEmpty();
    }

    @Test
    void logoutForgetsTheLogin() {
        vm.login();
        vm.logout();
        assertThat(vm.stateProperty().get()).isEqualTo(AccountViewModel.LoginState.LOGGED_OUT);
        assertThat(t.accounts.login).isNull();
    }

    @Test
    void settingsAreWrittenToConfigTomlAndCheckedLikeTheCli() {
        vm.serverProperty().set("https://sync.example.org");
        vm.quietMsProperty().set("5000");
        vm.saveSettings();
        Config c = Config.load(t.omni.home().configDir());
        assertThat(c.get(Config.Key.SERVER)).isEqualTo("https://sync.example.org");
        assertThat(c.getLong(Config.Key.DAEMON_QUIET_MS)).isEqualTo(5000);

        vm.quietMsProperty().set("soon");
        vm.saveSettings();
        assertThat(t.notice()).isEqualTo("daemon.quiet_ms must be a whole number");
        vm.serverProperty().set("omni.example.org");
        vm.saveSettings();
        assertThat(t.notice()).contains("http:// or https://");
    }

    @Test
    void theDaemonSwitchStartsAndStopsIt() {
        vm.daemonOnProperty().set(true);
        assertThat(t.daemon.pid).isEqualTo(4242L);
        assertThat(vm.daemonTextProperty().get()).contains("running (pid 4242)");
        vm.daemonOnProperty().set(false);
        assertThat(t.daemon.pid).isNull();
    }

    @Test
    void theThemeIsRemembered() {
        vm.themeProperty().set(Theme.DARK);
        assertThat(DesktopPrefs.load(t.omni.home().configDir()).theme).isEqualTo(Theme.DARK);
    }
}
