package dev.omni.sync.auth;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.omni.core.OmniException;
import java.util.Optional;

/** Tokens in the OS keyring (Secret Service, Keychain, Credential Manager) through java-keyring. */
public final class KeyringTokenStore implements TokenStore {
    static final String SERVICE = "omni";

    private final Keyring keyring;

    private KeyringTokenStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The OS keyring when one answers, else empty. */
    public static Optional<TokenStore> open() {
        try {
            Keyring k = Keyring.create();
            // A keyring that cannot even be asked is no keyring (no Secret Service on the bus).
            try {
                k.getPassword(SERVICE, "omni-probe");
            } catch (PasswordAccessException e) {
                // not found is the expected answer
            }
            return Optional.of(new KeyringTokenStore(k));
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(String server, String token) {
        try {
            keyring.setPassword(SERVICE, server, token);
        } catch (PasswordAccessException e) {
            throw new OmniException(OmniException.Kind.IO, "cannot store the token in the OS keyring: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> load(String server) {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, server));
        } catch (PasswordAccessException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String server) {
        try {
            keyring.deletePassword(SERVICE, server);
        } catch (PasswordAccessException e) {
            // already gone
        }
    }

    @Override
    public String where() {
        return "the OS keyring (service 'omni')";
    }

    @Override
    public String kind() {
        return "keyring";
    }
}
