package dev.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omni.server.testing.TestServer;
import dev.omni.sync.client.HttpThreads;
import dev.omni.sync.client.ServerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A command that used the network stops the HTTP client's selector thread before it exits. */
class HttpThreadsTest {
    @Test
    void stopAllEndsTheSelectorThreadOfAClientThatWasUsed() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpClient http = ServerClient.newHttp();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(anySelectorRunning()).as("the client's selector thread runs").isTrue();

            HttpThreads.stopAll();

            assertThat(anySelectorRunning()).as("stopped, so the JVM's exit does not wait for it").isFalse();
        }
    }

    private static boolean anySelectorRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> HttpThreads.isSelector(t) && t.isAlive());
    }
}
