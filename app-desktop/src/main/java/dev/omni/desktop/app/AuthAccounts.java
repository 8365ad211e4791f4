package dev.omni.desktop.app;

import dev.omni.core.Omni;
import dev.omni.core.config.Config;
import dev.omni.desktop.viewmodel.Accounts;
import dev.omni.sync.auth.AuthService;
import dev.omni.sync.client.DeviceLogin;
import java.net.URI;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** {@link Accounts} on the sync client's {@link AuthService}, as {@code omni login} uses it. */
public final class AuthAccounts implements Accounts {
    private final Omni omni;

    public AuthAccounts(Omni omni) {
        this.omni = omni;
    }

    @Override
    public Optional<AuthService.Login> status() {
        return new AuthService(omni).status();
    }

    @Override
    public AuthService.Login login(String server, Consumer<DeviceLogin.Code> onCode, BooleanSupplier cancelled) {
        AuthService auth = new AuthService(omni);
        URI url = auth.server(server == null || server.isBlank() ? null : server.trim());
        DeviceLogin.Sleeper sleeper = d -> {
            long end = System.nanoTime() + d.toNanos();
            while (System.nanoTime() < end) {
                if (cancelled.getAsBoolean()) {
                    throw new InterruptedException("cancelled");
                }
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        };
        AuthService.Login login = auth.login(url, onCode::accept, sleeper, (path, message) -> { });
        Config config = Config.load(omni.home().configDir());
        if (config.get(Config.Key.SERVER).isEmpty()) {
            config.set(Config.Key.SERVER, url.toString());
        }
        return login;
    }

    @Override
    public boolean logout(Consumer<String> warnings) {
        return new AuthService(omni).logout(warnings);
    }
}
