package dev.omni.server.auth;

import dev.omni.server.ErrorCode;
import dev.omni.server.ServerException;
import dev.omni.server.ServerOptions;
import dev.omni.server.store.AccessToken;
import dev.omni.server.store.AuthRepository;
import dev.omni.server.store.DeviceCode;
import dev.omni.wire.DeviceAuthorization;
import dev.omni.wire.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The OAuth 2.0 Device Authorization Grant (RFC 8628): a device asks for a code, the user approves
 * it on the web pages, the device polls the token endpoint and receives one token, once.
 */
public final class DeviceFlow {
    /** RFC 8628 section 3.5: each slow_down adds 5 seconds to the interval. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final int MAX_CODE_ATTEMPTS = 10;

    private final AuthRepository auth;
    private final Secrets secrets;
    private final Clock clock;
    private final ServerOptions.Lifetimes lifetimes;
    private final String verificationUri;

    public DeviceFlow(AuthRepository auth, Secrets secrets, Clock clock, ServerOptions.Lifetimes lifetimes,
                      String verificationUri) {
        this.auth = auth;
        this.secrets = secrets;
        this.clock = clock;
        this.lifetimes = lifetimes;
        this.verificationUri = verificationUri;
    }

    /** Who asks: shown on the approval page. */
    public record Requester(String clientId, String scope, String deviceName, String address, String userAgent) {
    }

    public DeviceAuthorization authorize(Requester who) {
        Instant now = clock.instant();
        String deviceCode = secrets.newSecret("", 32);
        for (int attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
            String userCode = UserCodes.generate(secrets);
            DeviceCode dc = new DeviceCode(Secrets.hash(deviceCode), userCode, who.clientId(), who.deviceName(),
                    who.scope(), who.address(), who.userAgent(), DeviceCode.Status.PENDING, null, now,
                    now.plus(lifetimes.deviceCode()), lifetimes.pollInterval().toMillis(), null);
            if (auth.insertDeviceCode(dc)) {
                String shown = UserCodes.display(userCode);
                return new DeviceAuthorization(deviceCode, shown, verificationUri, verificationUri + "?user_code=" + shown,
                        lifetimes.deviceCode().toSeconds(), ceilSeconds(lifetimes.pollInterval()));
            }
        }
        throw new ServerException(ErrorCode.UNAVAILABLE, "could not allocate a free user code; try again");
    }

    /**
     * One poll of the token endpoint: the grant once approved, otherwise the RFC 8628 error
     * (authorization_pending, slow_down, access_denied, expired_token, invalid_grant).
     */
    public TokenResponse poll(String deviceCode, String clientId) {
        if (deviceCode == null || deviceCode.isEmpty()) {
            throw new ServerException(ErrorCode.INVALID_REQUEST, "device_code is required");
        }
        String hash = Secrets.hash(deviceCode);
        DeviceCode dc = auth.deviceCodeByHash(hash)
                .orElseThrow(() -> new ServerException(ErrorCode.INVALID_GRANT, "unknown device_code"));
        if (clientId != null && !clientId.isEmpty() && !clientId.equals(dc.clientId())) {
            throw new ServerException(ErrorCode.INVALID_GRANT, "the device_code was issued to another client");
        }
        if (dc.status() == DeviceCode.Status.CONSUMED) {
            throw new ServerException(ErrorCode.INVALID_GRANT, "the device_code was already exchanged for a token");
        }
        Instant now = clock.instant();
        if (dc.expired(now)) {
            throw new ServerException(ErrorCode.EXPIRED_TOKEN, "the device_code expired; start the login again");
        }
        long interval = dc.intervalMillis();
        if (dc.lastPollAt() != null && Duration.between(dc.lastPollAt(), now).toMillis() < interval) {
            long slower = interval + SLOW_DOWN_STEP.toMillis();
            auth.recordPoll(hash, now, slower);
            throw new ServerException(ErrorCode.SLOW_DOWN, "polled faster than the interval; wait "
                    + ceilSeconds(Duration.ofMillis(slower)) + " s between polls");
        }
        auth.recordPoll(hash, now, interval);
        switch (dc.status()) {
            case DENIED -> throw new ServerException(ErrorCode.ACCESS_DENIED, "the user denied the request");
            case PENDING -> throw new ServerException(ErrorCode.AUTHORIZATION_PENDING, "the user has not approved yet");
            default -> {
                // APPROVED: issue below
            }
        }
        String token = secrets.newSecret("omni_", 32);
        AccessToken t = new AccessToken(Secrets.hash(token), dc.userId(), dc.clientId(), dc.deviceName(), now,
                now.plus(lifetimes.token()), null);
        if (!auth.consumeAndIssue(hash, t)) {
            throw new ServerException(ErrorCode.INVALID_GRANT, "the device_code was already exchanged for a token");
        }
        return new TokenResponse(token, "Bearer", lifetimes.token().toSeconds());
    }

    /** The request behind a typed user code, if the code is well-formed and known. */
    public Optional<DeviceCode> lookup(String typedUserCode) {
        String code = UserCodes.normalise(typedUserCode);
        return code == null ? Optional.empty() : auth.deviceCodeByUserCode(code);
    }

    /** Approves or denies a pending request; false when it is no longer pending (or expired). */
    public boolean decide(String normalisedUserCode, String userId, boolean approve) {
        return auth.decide(normalisedUserCode, userId, approve ? DeviceCode.Status.APPROVED : DeviceCode.Status.DENIED,
                clock.instant());
    }

    private static long ceilSeconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }
}
