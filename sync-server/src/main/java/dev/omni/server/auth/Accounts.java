package dev.omni.server.auth;

import dev.omni.core.model.Ulid;
import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.store.User;
import dev.omni.server.store.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Accounts: create (admin command or open registration), sign in, list, disable. */
public final class Accounts {
    private final UserRepository users;
    private final Passwords passwords;
    private final Ulid ulid;
    private final Clock clock;

    public Accounts(UserRepository users, Passwords passwords, Ulid ulid, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.ulid = ulid;
        this.clock = clock;
    }

    /** Lower-cased and trimmed; throws 400 unless it looks like an address. */
    public static String normaliseEmail(String email) {
        String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        if (e.length() > 254 || at <= 0 || at != e.lastIndexOf('@') || at == e.length() - 1
                || e.chars().anyMatch(ch -> ch <= ' ' || ch == 0x7f)) {
            throw ServerException.badRequest("not an email address: " + (e.length() > 60 ? e.substring(0, 60) + "…" : e));
        }
        return e;
    }

    /** Creates an account; 400 for a weak password or a bad email, 409 when the email is taken. */
    public User add(String email, String name, String password) {
        String e = normaliseEmail(email);
        String weak = Passwords.whyWeak(password);
        if (weak != null) {
            throw ServerException.badRequest(weak);
        }
        String n = name == null || name.isBlank() ? null : name.strip();
        if (n != null && n.length() > 200) {
            throw ServerException.badRequest("a name has at most 200 characters");
        }
        User u = new User(ulid.next(), e, n, passwords.hash(password), clock.instant(), null);
        if (!users.insert(u)) {
            throw new ServerException(ErrorCode.CONFLICT, "there is already an account for " + e);
        }
        return u;
    }

    /**
     * The user when the email and password match an enabled account. Unknown accounts cost the
     * same hashing time, so timing does not tell which emails exist.
     */
    public Optional<User> signIn(String email, String password) {
        String e;
        try {
            e = normaliseEmail(email);
        } catch (ServerException bad) {
            passwords.verify(password, null);
            return Optional.empty();
        }
        Optional<User> u = users.byEmail(e);
        boolean ok = passwords.verify(password, u.map(User::passwordHash).orElse(null));
        return ok && u.isPresent() && !u.get().disabled() ? u : Optional.empty();
    }

    public List<User> list() {
        return users.list();
    }

    /** Disables an account and revokes its tokens and sessions; 404 when there is none. */
    public void disable(String email) {
        if (!users.disable(normaliseEmail(email), clock.instant())) {
            throw ServerException.notFound("user " + email);
        }
    }

    public Optional<User> byId(String id) {
        return users.byId(id);
    }
}
