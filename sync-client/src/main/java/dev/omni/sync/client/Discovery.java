package dev.omni.sync.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.OmniException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a server says about itself at {@code /.well-known/oauth-authorization-server} (RFC 8414). */
public record Discovery(URI issuer, URI deviceAuthorization, URI token, String apiBase) {
    public static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    public static Discovery of(HttpClient http, URI server, Retry retry) {
        URI wellKnown = URI.create(server.toString().replaceAll("/+$", "") + "/.well-known/oauth-authorization-server");
        JsonNode j = retry.run("discovery", () -> {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                if (r.statusCode() >= 500) {
                    throw new IOException("HTTP " + r.statusCode());
                }
                throw new OmniException(OmniException.Kind.NETWORK, server + " is not an omni server (no OAuth metadata at "
                        + wellKnown + ", HTTP " + r.statusCode() + ")");
            }
            return ServerClient.parse(r.body());
        });
        boolean device = false;
        for (JsonNode g : j.path("grant_types_supported")) {
            device |= DEVICE_GRANT.equals(g.asText());
        }
        String api = j.path("omni_api_base").asText(null);
        if (!device || api == null || !j.hasNonNull("device_authorization_endpoint") || !j.hasNonNull("token_endpoint")) {
            throw new OmniException(OmniException.Kind.NETWORK, server + " does not offer omni's device login (its metadata lacks"
                    + " the device grant, the endpoints or omni_api_base)");
        }
        return new Discovery(URI.create(j.path("issuer").asText(server.toString())),
                server.resolve(j.path("device_authorization_endpoint").asText()), server.resolve(j.path("token_endpoint").asText()), api);
    }
}
