package dev.omni.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with OWASP's minimum parameters by
 * default. Verification reads the parameters from the stored string, so they can be raised later
 * without invalidating old hashes.
 */
public final class Passwords {
    /** Minimum password length (NIST SP 800-63B). */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Secrets secrets;
    private final int memoryKiB;
    private final int iterations;
    private final String dummy;

    public Passwords(Secrets secrets, int memoryKiB, int iterations) {
        this.secrets = secrets;
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.dummy = hash("not a password of anyone");
    }

    public static Passwords owaspDefaults(Secrets secrets) {
        return new Passwords(secrets, 19 * 1024, 2);
    }

    /** Null when {@code password} is acceptable, else why not. */
    public static String whyWeak(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "a password has at most " + MAX_LENGTH + " characters";
        }
        return null;
    }

    public String hash(String password) {
        byte[] salt = secrets.randomBytes(16);
        byte[] out = derive(password, salt, memoryKiB, iterations, 1, 32);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(out);
    }

    /** Checks {@code password} against a stored hash; a null hash costs the same time and fails. */
    public boolean verify(String password, String stored) {
        boolean known = stored != null;
        String phc = known ? stored : dummy;
        String[] parts = phc.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            int v = Integer.parseInt(kv.substring(2));
            switch (kv.charAt(0)) {
                case 'm' -> m = v;
                case 't' -> t = v;
                case 'p' -> p = v;
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password == null ? "" : password, salt, m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual) && known;
    }

    private static byte[] derive(String password, byte[] salt, int memoryKiB, int iterations, int parallelism, int len) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[len];
        gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
