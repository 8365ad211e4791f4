package dev.omni.desktop.viewmodel;

import dev.omni.sync.auth.AuthService;
import dev.omni.sync.client.DeviceLogin;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Logging in and out: {@link AuthService} in the app; tests may answer for the server. */
public interface Accounts {
    Optional<AuthService.Login> status();

    /** The device flow: {@code onCode} gets the code to show; returns once approved; stops when {@code cancelled}. */
    AuthService.Login login(String server, Consumer<DeviceLogin.Code> onCode, BooleanSupplier cancelled);

    /** Whether the server confirmed the logout; the login is forgotten here either way. */
    boolean logout(Consumer<String> warnings);
}
