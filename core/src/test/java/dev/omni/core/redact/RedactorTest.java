package dev.omni.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omni.core.util.Json;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A corpus of fake secrets in every form omni knows (built from parts at run time, so that this file
 * holds none), each found and replaced; and ordinary code, hashes and ids left as they are.
 */
class RedactorTest {
    private static final Random R = new Random(42);

    private static String rnd(String alphabet, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(R.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static final String AZ09 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UP27 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String HEX = "0123456789abcdef";

    static Stream<Arguments> secrets() {
        String pem = "-----BEGIN " + "RSA PRIVATE KEY-----\n" + rnd(AZ09, 64) + "\n" + rnd(AZ09, 64) + "\n-----END RSA " + "PRIVATE KEY-----";
        String openssh = "-----BEGIN OPENSSH " + "PRIVATE KEY-----\n" + rnd(AZ09, 70) + "\n-----END OPENSSH " + "PRIVATE KEY-----";
        return Stream.of(
                Arguments.of("private-key", "here is the key:\n", pem),
                Arguments.of("private-key", "", openssh),
                Arguments.of("anthropic-api-key", "export ANTHROPIC_API_KEY=", "sk-" + "ant-api03-" + rnd(AZ09 + "_-", 95)),
                Arguments.of("openai-api-key", "key: ", "sk-" + "proj-" + rnd(AZ09, 30) + "T3Blbk" + "FJ" + rnd(AZ09, 30)),
                Arguments.of("openai-api-key", "OPENAI=", "sk-" + "proj-" + rnd(AZ09 + "_-", 120)),
                Arguments.of("aws-access-key-id", "aws configure set aws_access_key_id ", "AK" + "IA" + rnd(UP27, 16)),
                Arguments.of("github-token", "git clone https://x:", "gh" + "p_" + rnd(AZ09, 36)),
                Arguments.of("github-token", "GH_TOKEN=", "github" + "_pat_" + rnd(AZ09 + "_", 82)),
                Arguments.of("gitlab-token", "token ", "gl" + "pat-" + rnd(AZ09, 20)),
                Arguments.of("slack-token", "SLACK ", "xo" + "xb-" + rnd("0123456789", 12) + "-" + rnd(AZ09, 24)),
                Arguments.of("slack-webhook", "curl ", "https://hooks.slack" + ".com/services/T" + rnd(UP27, 10) + "/B" + rnd(UP27, 10) + "/"
                        + rnd(AZ09, 24)),
                Arguments.of("google-api-key", "maps?key=", "AI" + "za" + rnd(AZ09 + "_-", 35)),
                Arguments.of("stripe-key", "Stripe.apiKey = \"", "sk" + "_live_" + rnd(AZ09, 24)),
                Arguments.of("npm-token", "//registry.npmjs.org/:_authToken=", "np" + "m_" + rnd(AZ09, 36)),
                Arguments.of("huggingface-token", "HF ", "h" + "f_" + rnd("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 34)),
                Arguments.of("sendgrid-key", "", "S" + "G." + rnd(AZ09, 22) + "." + rnd(AZ09, 43)),
                Arguments.of("nvidia-api-key", "key=", "nva" + "pi-" + rnd(AZ09, 64)),
                Arguments.of("digitalocean-token", "", "do" + "p_v1_" + rnd(HEX, 64)),
                Arguments.of("jwt", "Authorization: Bearer ", "ey" + "J" + rnd(AZ09, 20) + ".ey" + "J" + rnd(AZ09, 30) + "." + rnd(AZ09, 40)),
                Arguments.of("secret-assignment", "DB_PASSWORD=", "Xk9" + rnd(AZ09, 17)),
                Arguments.of("secret-assignment", "\"client_secret\": \"", rnd(AZ09, 20) + "7q"),
                Arguments.of("secret-assignment", "api_key: ", rnd(AZ09, 30) + "1a"));
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void eachFormOfSecretIsReplacedWithItsKind(String kind, String before, String secret) {
        String text = before + secret + (before.endsWith("\"") ? "\"" : "") + " and more";
        Redactor.Findings f = new Redactor.Findings();
        String out = Redactor.standard().redact(text, f);
        assertThat(out).doesNotContain(secret).contains("[REDACTED:" + kind + "]").endsWith(" and more");
        assertThat(f.byKind()).containsEntry(kind, 1);
        // again: nothing left to find
        Redactor.Findings again = new Redactor.Findings();
        assertThat(Redactor.standard().redact(out, again)).isSameAs(out);
        assertThat(again.total()).isZero();
    }

    @Test
    void aPasswordInAUrlLosesOnlyThePassword() {
        String pw = "s3cr" + "et-Pa55";
        Redactor.Findings f = new Redactor.Findings();
        String out = Redactor.standard().redact("DATABASE_URL=postgres://admin:" + pw + "@db.internal:5432/app", f);
        assertThat(out).isEqualTo("DATABASE_URL=postgres://admin:[REDACTED:password-in-url]@db.internal:5432/app");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "password = getPassword()",
        "token = request.headers.get(\"Authorization\")",
        "secret_key = os.environ[\"SECRET_KEY\"]",
        "api_key: Optional[str] = None",
        "const token = await this.auth.refreshToken();",
        "if (passwordField.isEmpty()) { showError(); }",
        "\"tokenizer\": \"porter unicode61 remove_diacritics 2\"",
        "git commit 3f2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
        "object 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 stored",
        "\"manifest_hash\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"",
        "snapshot snap-01M8V2ZSVXK5MGK2W94X5KP5JA restored",
        "uuid 5d8e2c1a-7f3b-4e9d-a2c6-0b1e4f7a9c3d",
        "https://github.com/eclipse-jgit/jgit/blob/master/README.md",
        "mongodb://localhost:27017/test",
        "private key handling lives in KeyStore.java",
        "TOKEN_EXPIRY_SECONDS = 3600",
        "max_tokens=4096",
        "passwd: pwd123"})
    void ordinaryCodeHashesAndIdsStayAsTheyAre(String text) {
        Redactor.Findings f = new Redactor.Findings();
        assertThat(Redactor.standard().redact(text, f)).isSameAs(text);
        assertThat(f.total()).isZero();
    }

    @Test
    void secretsInsideJsonStringsAreReplacedAndTheJsonStaysValid() throws Exception {
        String key = "gh" + "p_" + rnd(AZ09, 36);
        String blocks = "[{\"type\":\"tool_use\",\"input\":{\"command\":\"git push https://me:" + key + "@github.com/x.git\"}},"
                + "{\"type\":\"text\",\"text\":\"ok\"}]";
        Redactor.Findings f = new Redactor.Findings();
        String out = Redactor.standard().redactJson(blocks, f);
        JsonNode n = Json.mapper().readTree(out);
        assertThat(n.get(0).path("input").path("command").asText()).doesNotContain(key).contains("[REDACTED:");
        assertThat(n.get(1).path("text").asText()).isEqualTo("ok");
        String clean = "[{\"type\":\"text\",\"text\":\"the token count is 5\"}]";
        assertThat(Redactor.standard().redactJson(clean, new Redactor.Findings())).isSameAs(clean);
    }
}
