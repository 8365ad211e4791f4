package dev.omni.wire;

import java.util.List;

/**
 * {@code GET /.well-known/oauth-authorization-server} (RFC 8414): where to log in, and
 * {@code omni_api_base}, where the API lives.
 */
public record ServerMetadata(String issuer, String deviceAuthorizationEndpoint, String tokenEndpoint,
                             List<String> grantTypesSupported, List<String> responseTypesSupported,
                             List<String> tokenEndpointAuthMethodsSupported, String omniApiBase) {
    public static final String PATH = "/.well-known/oauth-authorization-server";
    /** The device authorization grant of RFC 8628. */
    public static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** Where the API lives under the server's address. */
    public static final String API_BASE = "/v1";

    public boolean offersDeviceLogin() {
        return grantTypesSupported != null && grantTypesSupported.contains(DEVICE_GRANT) && omniApiBase != null
                && deviceAuthorizationEndpoint != null && tokenEndpoint != null;
    }
}
