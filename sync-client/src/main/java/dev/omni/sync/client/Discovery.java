package dev.omni.sync.client;

import dev.omni.core.OmniException;
import dev.omni.wire.ServerMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a server says about itself at {@code /.well-known/oauth-authorization-server} (RFC 8414). */
public record Discovery(URI issuer, URI deviceAuthorization, URI token, String apiBase) {
    public static final String DEVICE_GRANT = ServerMetadata.DEVICE_GRANT;

    public static Discovery of(HttpClient http, URI server, Retry retry) {
        URI wellKnown = URI.create(server.toString().replaceAll("/+$", "") + ServerMetadata.PATH);
        ServerMetadata m = retry.run("discovery", () -> {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                if (r.statusCode() >= 500) {
                    throw new IOException("HTTP " + r.statusCode());
                }
                throw new OmniException(OmniException.Kind.NETWORK, server + " is not an omni server (no OAuth metadata at "
                        + wellKnown + ", HTTP " + r.statusCode() + ")");
            }
            return ServerClient.read(r.body(), ServerMetadata.class);
        });
        if (!m.offersDeviceLogin()) {
            throw new OmniException(OmniException.Kind.NETWORK, server + " does not offer omni's device login (its metadata lacks"
                    + " the device grant, the endpoints or omni_api_base)");
        }
        return new Discovery(URI.create(m.issuer() != null ? m.issuer() : server.toString()),
                server.resolve(m.deviceAuthorizationEndpoint()), server.resolve(m.tokenEndpoint()), m.omniApiBase());
    }
}
