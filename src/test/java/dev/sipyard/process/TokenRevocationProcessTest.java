package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Servers remember successful token checks briefly; a revocation by the CLI must still reach
 * every server over the same database within {@link Revocations#BOUND}, including one that
 * checked the token a moment before.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TokenRevocationProcessTest extends ProcessTestBase {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenRevokedByTheCliIsRefusedByTwoRunningServersWithinTheBound(Backend backend) throws Exception {
        Map<String, String> settings = freshSettings(backend);
        SipyardProcess.Result created = SipyardProcess.run(settings, logDir, "project", "create", "--name", "Two Nodes",
                "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode project = MAPPER.readTree(created.stdout());
        String projectId = project.get("project_id").asText();
        String keptToken = project.get("token").asText();
        SipyardProcess.Result second = SipyardProcess.run(settings, logDir, "token", "create", "--project", projectId);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        String revokedToken = second.stdout().strip();
        String revokedId = tokenId(settings, projectId, revokedToken);

        try (SipyardProcess a = SipyardProcess.serve(ownSipPort(settings), logDir);
             SipyardProcess b = SipyardProcess.serve(ownSipPort(settings), logDir)) {
            ApiClient revokedOnA = new ApiClient(a.baseUrl(), projectId, revokedToken);
            ApiClient revokedOnB = new ApiClient(b.baseUrl(), projectId, revokedToken);
            // Both servers have just checked (and so remember) the token that is about to be revoked.
            assertThat(revokedOnA.get(ENDPOINTS).status()).isEqualTo(200);
            assertThat(revokedOnB.get(ENDPOINTS).status()).isEqualTo(200);

            SipyardProcess.Result revoke = SipyardProcess.run(settings, logDir, "token", "revoke", "--project",
                    projectId, revokedId);
            long revokedAt = System.nanoTime();
            assertThat(revoke.exitCode()).as(revoke.toString()).isZero();

            Revocations.awaitRefused(revokedAt, ENDPOINTS, revokedOnA, revokedOnB);
            // The project's other token is untouched on both.
            assertThat(new ApiClient(a.baseUrl(), projectId, keptToken).get(ENDPOINTS).status()).isEqualTo(200);
            assertThat(new ApiClient(b.baseUrl(), projectId, keptToken).get(ENDPOINTS).status()).isEqualTo(200);
            // And a refused token stays refused (nothing remembered brings it back).
            assertThat(revokedOnA.get(ENDPOINTS).status()).isEqualTo(401);
            assertThat(revokedOnB.get(ENDPOINTS).status()).isEqualTo(401);
        }
    }

    /** Two servers on one machine: each its own SIP port, the other SIP transports off. */
    private static Map<String, String> ownSipPort(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("SIPYARD_SIP_ADDR", "127.0.0.1:" + SipyardProcess.freePort());
        env.put("SIPYARD_SIP_TLS_ADDR", "off");
        env.put("SIPYARD_SIP_WS_ADDR", "off");
        env.put("SIPYARD_SIP_WSS_ADDR", "off");
        return env;
    }

    /** The id of the token ending like {@code token}, from {@code token list}. */
    private String tokenId(Map<String, String> settings, String projectId, String token) {
        SipyardProcess.Result list = SipyardProcess.run(settings, logDir, "token", "list", "--project", projectId);
        assertThat(list.exitCode()).as(list.toString()).isZero();
        String ending = token.substring(token.length() - 4);
        return list.stdoutLines().stream().map(String::strip)
                .filter(l -> l.matches("^[0-9a-f]{8}-.*") && l.contains("..." + ending))
                .map(l -> l.split("\\s+")[0]).findFirst().orElseThrow(() -> new AssertionError(list.toString()));
    }
}
