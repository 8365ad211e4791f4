package dev.omni.desktop.viewmodel;

import dev.omni.core.config.Config;
import dev.omni.core.util.Plural;
import dev.omni.desktop.task.Task;
import dev.omni.desktop.task.TaskHandle;
import dev.omni.sync.auth.AuthService;
import dev.omni.sync.client.DeviceLogin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Login (the device flow: the user code, the link, its QR code, the browser, success), logout,
 * and the settings (server URL, daemon on/off, snapshot quiet period, theme).
 */
public final class AccountViewModel {
    /** Where the login stands. */
    public enum LoginState { LOGGED_OUT, WAITING, LOGGED_IN }

    private final AppContext app;
    private final ReadOnlyObjectWrapper<LoginState> state = new ReadOnlyObjectWrapper<>(this, "state", LoginState.LOGGED_OUT);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper userCode = new ReadOnlyStringWrapper(this, "userCode", "");
    private final ReadOnlyStringWrapper verificationUri = new ReadOnlyStringWrapper(this, "verificationUri", "");
    private final ReadOnlyStringWrapper verificationUriComplete = new ReadOnlyStringWrapper(this, "verificationUriComplete", "");
    private final ReadOnlyObjectWrapper<QrCode> qr = new ReadOnlyObjectWrapper<>(this, "qr");
    private final StringProperty server = new SimpleStringProperty(this, "server", "");
    private final StringProperty quietMs = new SimpleStringProperty(this, "quietMs", "");
    private final BooleanProperty daemonOn = new SimpleBooleanProperty(this, "daemonOn");
    private final ReadOnlyStringWrapper daemonText = new ReadOnlyStringWrapper(this, "daemonText", "");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.SYSTEM);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private TaskHandle loginTask;
    private AtomicBoolean loginCancelled = new AtomicBoolean();
    private boolean loadingDaemon;

    public AccountViewModel(AppContext app) {
        this.app = app;
        theme.set(app.prefs().theme);
        theme.addListener((o, was, now) -> {
            app.prefs().theme = now;
            app.prefs().save();
        });
        daemonOn.addListener((o, was, now) -> {
            if (!loadingDaemon && was != now) {
                switchDaemon(now);
            }
        });
    }

    private Config config() {
        return Config.load(app.omni().home().configDir());
    }

    /** Reads the login, the settings and whether the daemon runs. */
    public void refresh() {
        app.tasks().submit(Task.of("Reading the login", ctx -> {
            Optional<AuthService.Login> l = app.accounts().status();
            Config c = config();
            return new Object[] {l, c.get(Config.Key.SERVER), c.get(Config.Key.DAEMON_QUIET_MS), app.daemon().running()};
        }).onSuccess(r -> {
            @SuppressWarnings("unchecked")
            Optional<AuthService.Login> l = (Optional<AuthService.Login>) r[0];
            showLogin(l.orElse(null));
            String configured = (String) r[1];
            if (server.get() == null || server.get().isBlank()) {
                server.set(!configured.isEmpty() ? configured : l.map(x -> x.server().toString()).orElse(""));
            }
            quietMs.set((String) r[2]);
            @SuppressWarnings("unchecked")
            Optional<Long> pid = (Optional<Long>) r[3];
            showDaemon(pid);
        }));
    }

    private void showLogin(AuthService.Login l) {
        if (state.get() == LoginState.WAITING) {
            return;
        }
        if (l == null) {
            state.set(LoginState.LOGGED_OUT);
            status.set("Not logged in. Log in to sync snapshots, memory and conversations with an omni server.");
        } else if (l.expired(app.omni().now())) {
            state.set(LoginState.LOGGED_OUT);
            status.set("Your login to " + l.server() + " expired; log in again.");
        } else {
            state.set(LoginState.LOGGED_IN);
            status.set("Logged in as " + l.email() + (l.name() == null || l.name().isBlank() ? "" : " (" + l.name() + ")") + " on "
                    + l.server() + "; the token is kept in " + l.tokenWhere() + ".");
        }
    }

    private void showDaemon(Optional<Long> pid) {
        loadingDaemon = true;
        daemonOn.set(pid.isPresent());
        loadingDaemon = false;
        daemonText.set(pid.isPresent() ? "The daemon is running (pid " + pid.get() + "): it snapshots your workspaces after a quiet"
                + " period and pushes when you are logged in." : "The daemon is not running.");
    }

    /** Starts the device flow against the server in the field (or the configured one). */
    public void login() {
        if (state.get() == LoginState.WAITING) {
            return;
        }
        String s = server.get();
        AtomicBoolean cancelled = new AtomicBoolean();
        loginCancelled = cancelled;
        state.set(LoginState.WAITING);
        status.set("Asking " + (s == null || s.isBlank() ? "the server" : s) + " for a code…");
        loginTask = app.tasks().submit(Task.of("Logging in", ctx -> app.accounts().login(s, code -> app.tasks().onUiThread(() -> showCode(code)),
                        () -> cancelled.get() || ctx.cancelled()))
                .onSuccess(l -> {
                    clearCode();
                    state.set(LoginState.LOGGED_OUT);
                    showLogin(l);
                    app.notifications().success("Logged in as " + l.email() + " on " + l.server() + ".");
                    app.events().changed();
                })
                .onFailure(t -> {
                    clearCode();
                    state.set(LoginState.LOGGED_OUT);
                    if (!cancelled.get()) {
                        app.notifications().failed(t);
                    }
                    refresh();
                })
                .onDone(() -> loginTask = null));
    }

    private void showCode(DeviceLogin.Code code) {
        if (loginCancelled.get()) {
            return;
        }
        verificationUri.set(code.verificationUri().toString());
        String complete = code.verificationUriComplete() == null ? code.verificationUri().toString() : code.verificationUriComplete().toString();
        verificationUriComplete.set(complete);
        qr.set(QrCode.of(complete, 2));
        // Last: the view shows the code box when the code arrives, with everything else in place.
        userCode.set(code.userCode());
        status.set("Enter the code " + code.userCode() + " at " + code.verificationUri() + ", or scan the QR code, or open the"
                + " browser. Waiting for approval (the code expires in " + Plural.of(code.expiresIn().toMinutes(), "minute") + ")…");
    }

    private void clearCode() {
        userCode.set("");
        verificationUri.set("");
        verificationUriComplete.set("");
        qr.set(null);
    }

    /** Opens the approval page (with the code filled in) in the browser. */
    public void openBrowser() {
        String u = verificationUriComplete.get();
        if (u == null || u.isEmpty()) {
            return;
        }
        try {
            app.browser().open(u);
        } catch (RuntimeException e) {
            app.notifications().error("Could not open a browser (" + e.getMessage() + "); open " + u + " yourself.");
        }
    }

    public void cancelLogin() {
        loginCancelled.set(true);
        if (loginTask != null) {
            loginTask.cancel();
        }
        clearCode();
        state.set(LoginState.LOGGED_OUT);
        refresh();
    }

    public void logout() {
        List<String> warnings = new ArrayList<>();
        app.tasks().submit(Task.of("Logging out", ctx -> app.accounts().logout(warnings::add)).notCancellable().onSuccess(revoked -> {
            app.notifications().success(revoked ? "Logged out; the server revoked the token." : "Logged out here"
                    + (warnings.isEmpty() ? "." : ": " + warnings.get(0)));
            refresh();
            app.events().changed();
        }));
    }

    /** Writes the server URL and the quiet period to config.toml (checked like {@code omni config set}). */
    public void saveSettings() {
        String s = server.get() == null ? "" : server.get().strip();
        String q = quietMs.get() == null ? "" : quietMs.get().strip();
        app.tasks().submit(Task.of("Saving settings", ctx -> {
            Config c = config();
            if (s.isEmpty()) {
                c.set(Config.Key.SERVER, null);
            } else {
                if (!s.matches("https?://[^\\s/]+.*")) {
                    throw dev.omni.core.OmniException.invalid("the server must be an http:// or https:// URL, not '" + s + "'");
                }
                c.set(Config.Key.SERVER, s);
            }
            c.set(Config.Key.DAEMON_QUIET_MS, q.isEmpty() ? null : q);
            return c.file();
        }).onSuccess(f -> app.notifications().success("Settings saved to " + f + ".")));
    }

    private void switchDaemon(boolean on) {
        busy.set(true);
        app.tasks().submit(Task.of(on ? "Starting the daemon" : "Stopping the daemon", ctx -> {
            if (on) {
                app.daemon().start();
            } else {
                app.daemon().stop();
            }
            return app.daemon().running();
        }).notCancellable().onSuccess(this::showDaemon).onFailure(t -> {
            app.notifications().failed(t);
            showDaemon(app.daemon().running());
        }).onDone(() -> busy.set(false)));
    }

    public ReadOnlyObjectProperty<LoginState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty userCodeProperty() {
        return userCode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verificationUriProperty() {
        return verificationUri.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verificationUriCompleteProperty() {
        return verificationUriComplete.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QrCode> qrProperty() {
        return qr.getReadOnlyProperty();
    }

    public StringProperty serverProperty() {
        return server;
    }

    public StringProperty quietMsProperty() {
        return quietMs;
    }

    public BooleanProperty daemonOnProperty() {
        return daemonOn;
    }

    public ReadOnlyStringProperty daemonTextProperty() {
        return daemonText.getReadOnlyProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
