package dev.sipyard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.LogCapture;
import dev.sipyard.testing.LogScan;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipResponse;
import dev.sipyard.testing.SipTestClient;
import dev.sipyard.testing.TestSecrets;
import dev.sipyard.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The paths most likely to leak a secret into the log (a wrong SIP password, a bad API token, an
 * endpoint created with a password, a password reset, a generated password, a signing key, digest
 * responses) write their access and SIP lines, and none of those secrets.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SecretsStayOutOfLogsTest {
    private static final String ENDPOINTS = "/api/fabric/resources/sip_endpoints";
    private static final Pattern DIGEST_RESPONSE = Pattern.compile("response=\"([0-9a-f]+)\"");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theLeakiestPathsLogTheirLinesWithoutTheirSecrets(Backend backend) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        List<String> secrets = new ArrayList<>();
        try (TestServer server = TestServer.start(backend); LogCapture log = new LogCapture()) {
            ApiClient api = server.newProject("leaks");
            String projectId = api.credentials()[0];
            secrets.add(api.credentials()[1]);
            String badToken = "Bad-Token-" + unique;
            secrets.addAll(List.of(badToken, ApiClient.basic(projectId, api.credentials()[1]),
                    ApiClient.basic(projectId, badToken)));
            assertThat(new ApiClient(server.baseUrl(), projectId, badToken).get(ENDPOINTS).status())
                    .isEqualTo(401);

            String firstPassword = "First-Pass-" + unique;
            String resetPassword = "Reset-Pass-" + unique;
            String wrongPassword = "Wrong-Pass-" + unique;
            secrets.addAll(List.of(firstPassword, resetPassword, wrongPassword));
            HttpResult alice = api.post(ENDPOINTS, Map.of("username", "alice", "password", firstPassword));
            assertThat(alice.status()).isEqualTo(201);
            String aliceId = alice.json().get("id").asText();
            assertThat(api.patch(ENDPOINTS + "/" + aliceId, Map.of("password", resetPassword)).status())
                    .isEqualTo(200);
            HttpResult bob = api.post(ENDPOINTS, Map.of("username", "bob"));
            assertThat(bob.status()).isEqualTo(201);
            secrets.add(bob.json().get("password").asText());
            HttpResult key = api.post("/api/relay/rest/signing_key", Map.of());
            assertThat(key.status()).isEqualTo(201);
            secrets.add(key.json().get("signing_key").asText());

            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            try (SipTestClient socket = SipTestClient.udp(server.sipPorts().udp())) {
                secrets.add(register(new SipPhone(socket, "alice", domain, wrongPassword), 403));
                secrets.add(register(new SipPhone(socket, "alice", domain, resetPassword), 200));
            }

            List<String> lines = log.awaitLine(l -> l.contains("\"method\":\"REGISTER\",\"status\":200"),
                    "for the REGISTER's 200");
            log.awaitLine(l -> l.contains("\"route\":\"/api/relay/rest/signing_key\""), "for the signing key");
            lines = log.lines();

            assertThat(lines).anyMatch(l -> l.contains("\"logger\":\"dev.sipyard.access\"")
                    && l.contains("\"method\":\"PATCH\"") && l.contains("\"route\":\"" + ENDPOINTS + "/{id}\"")
                    && l.contains("\"status\":200"));
            assertThat(lines).anyMatch(l -> l.contains("\"logger\":\"dev.sipyard.access\"")
                    && l.contains("\"status\":401") && l.contains("\"project_id\":null"));
            assertThat(lines).anyMatch(l -> l.contains("\"logger\":\"dev.sipyard.sip.transactions\"")
                    && l.contains("\"method\":\"REGISTER\",\"status\":403") && l.contains("alice@" + domain));
            TestSecrets.recordAll(secrets);
            assertThat(secrets).allSatisfy(s -> assertThat(s).hasSizeGreaterThanOrEqualTo(8));
            assertThat(LogScan.leaks(lines, secrets)).isEmpty();
            assertThat(lines).noneMatch(l -> l.contains("response=") || l.contains("Authorization"));
        }
    }

    /** A challenged REGISTER answered with {@code phone}'s password; returns the digest response it sent. */
    private static String register(SipPhone phone, int expected) {
        List<String> contacts = List.of("<" + phone.contact() + ">");
        SipResponse challenge = phone.send(contacts, 600, null);
        assertThat(challenge.status()).isEqualTo(401);
        String authorization = phone.authorize(challenge);
        SipResponse answer = phone.send(contacts, 600, authorization);
        assertThat(answer.status()).isEqualTo(expected);
        Matcher m = DIGEST_RESPONSE.matcher(authorization);
        assertThat(m.find()).as(authorization).isTrue();
        return m.group(1);
    }
}
