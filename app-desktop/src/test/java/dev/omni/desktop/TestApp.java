package dev.omni.desktop;

import dev.omni.core.Env;
import dev.omni.core.Omni;
import dev.omni.core.home.OmniHome;
import dev.omni.desktop.demo.DemoStore;
import dev.omni.desktop.task.SyncTaskExecutor;
import dev.omni.desktop.task.TaskExecutor;
import dev.omni.desktop.viewmodel.Accounts;
import dev.omni.desktop.viewmodel.AppContext;
import dev.omni.desktop.viewmodel.DaemonSwitch;
import dev.omni.desktop.viewmodel.DesktopPrefs;
import dev.omni.desktop.viewmodel.Dialogs;
import dev.omni.desktop.viewmodel.Notifications;
import dev.omni.desktop.viewmodel.StoreEvents;
import dev.omni.sync.auth.AuthService;
import dev.omni.sync.client.DeviceLogin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A real omni home seeded with the demo store (real SQLite, real files) and an {@link AppContext}
 * on it; the executor is given (synchronous for view-model tests, FX for UI tests).
 */
public final class TestApp implements AutoCloseable {
    public final DemoStore.Seeded seeded;
    public final Omni omni;
    public final AppContext app;
    public final FakeAccounts accounts = new FakeAccounts();
    public final FakeDaemon daemon = new FakeDaemon();
    public final List<String> opened = new ArrayList<>();

    private TestApp(Path dir, Function<Notifications, TaskExecutor> executor) {
        seeded = DemoStore.seed(dir.resolve("home"), dir.resolve("work"), Instant.now());
        Env env = new Env(Map.of("OMNI_AUTHOR", "tester", "HOSTNAME", "test-box"), dir, dir, Clock.systemUTC(), "tester");
        omni = Omni.at(env, OmniHome.at(dir.resolve("home")));
        Notifications n = new Notifications();
        app = new AppContext(omni, executor.apply(n), n, new Dialogs(), DesktopPrefs.load(omni.home().configDir()), accounts,
                daemon, opened::add, new StoreEvents());
    }

    /** A seeded home whose tasks run at once on the calling thread. */
    public static TestApp sync(Path dir) {
        return new TestApp(dir, n -> new SyncTaskExecutor(n::failed));
    }

    public static TestApp with(Path dir, Function<Notifications, TaskExecutor> executor) {
        return new TestApp(dir, executor);
    }

    public String notice() {
        return app.notifications().current() == null ? null : app.notifications().current().text();
    }

    @Override
    public void close() {
        app.tasks().close();
        omni.close();
    }

    /** Answers for the server: hands out a code, then logs in when {@link #approve} was called. */
    public static final class FakeAccounts implements Accounts {
        public AuthService.Login login;
        public volatile boolean approve = true;
        public RuntimeException failure;

        @Override
        public Optional<AuthService.Login> status() {
            return Optional.ofNullable(login);
        }

        @Override
        public AuthService.Login login(String server, Consumer<DeviceLogin.Code> onCode, BooleanSupplier cancelled) {
            onCode.accept(new DeviceLogin.Code("dev", "WDJB-MJHT", URI.create("https://omni.test/device"),
                    URI.create("https://omni.test/device?code=WDJB-MJHT"), java.time.Duration.ofMinutes(15), java.time.Duration.ofSeconds(5)));
            if (failure != null) {
                throw failure;
            }
            while (!approve) {
                if (cancelled.getAsBoolean()) {
                    throw new dev.omni.core.OmniException(dev.omni.core.OmniException.Kind.AUTH, "login interrupted");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new dev.omni.core.OmniException(dev.omni.core.OmniException.Kind.AUTH, "login interrupted");
                }
            }
            login = new AuthService.Login(URI.create(server == null || server.isBlank() ? "https://omni.test" : server), "u1",
                    "ann@example.org", "Ann", "file", "/tmp/token", Instant.now(), null);
            return login;
        }

        @Override
        public boolean logout(Consumer<String> warnings) {
            login = null;
            return true;
        }
    }

    /** A daemon that is only a flag. */
    public static final class FakeDaemon implements DaemonSwitch {
        public Long pid;

        @Override
        public Optional<Long> running() {
            return Optional.ofNullable(pid);
        }

        @Override
        public long start() {
            pid = 4242L;
            return pid;
        }

        @Override
        public boolean stop() {
            boolean was = pid != null;
            pid = null;
            return was;
        }
    }
}
