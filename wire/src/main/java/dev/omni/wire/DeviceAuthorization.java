package dev.omni.wire;

/** What the device authorization endpoint answers (RFC 8628 section 3.2); durations in seconds. */
public record DeviceAuthorization(String deviceCode, String userCode, String verificationUri,
                                  String verificationUriComplete, long expiresIn, long interval) {
}
