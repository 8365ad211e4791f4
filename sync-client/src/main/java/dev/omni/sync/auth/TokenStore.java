package dev.omni.sync.auth;

import java.util.Optional;

/** Where access tokens are kept: the OS keyring, or a file only the user can read. */
public interface TokenStore {
    void save(String server, String token);

    Optional<String> load(String server);

    void delete(String server);

    /** For people: "the OS keyring (Secret Service)" or the file's path. */
    String where();

    /** "keyring" or "file". */
    String kind();
}
