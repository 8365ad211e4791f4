package dev.omni.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accounts. Emails are stored lowercased and are unique. */
public interface UserRepository {
    /** Inserts {@code user}; false when the email is taken. */
    boolean insert(User user);

    Optional<User> byEmail(String email);

    Optional<User> byId(String id);

    List<User> list();

    /** Disables the account and revokes its tokens and web sessions; false when there is no such user. */
    boolean disable(String email, Instant at);
}
