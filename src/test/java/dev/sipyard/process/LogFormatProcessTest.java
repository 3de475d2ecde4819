package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code SIPYARD_LOG_FORMAT=json}: every line the server logs is one JSON object. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LogFormatProcessTest extends ProcessTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withJsonEveryLogLineIsAJsonObject() throws Exception {
        Map<String, String> env = new HashMap<>(freshSettings(Backend.SQLITE));
        env.put("SIPYARD_LOG_FORMAT", "json");
        String stderr;
        try (SipyardProcess server = SipyardProcess.serve(env, logDir)) {
            String id = server.awaitStdout("project id : ").replaceAll("(?s).*project id : (\\S+).*", "$1");
            String token = server.awaitStdout("API token  : ").replaceAll("(?s).*API token  : (\\S+).*", "$1");
            assertThat(new ApiClient(server.baseUrl(), id, "wrong-token").get(ENDPOINTS).status()).isEqualTo(401);
            assertThat(new ApiClient(server.baseUrl(), id, token).get(ENDPOINTS).status()).isEqualTo(200);
            server.close();
            stderr = server.stderr();
            assertThat(stderr).doesNotContain(token);
        }
        List<String> lines = SipyardProcess.nonBlankLines(stderr).stream()
                .filter(l -> !l.startsWith("WARNING: ")) // the JVM's own notices, not the server's log
                .toList();
        assertThat(lines).as(stderr).hasSizeGreaterThan(3);
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.isObject()).as(line).isTrue();
            assertThat(n.get("ts").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(n.get("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(n.has("msg")).as(line).isTrue();
        }
        assertThat(lines).anyMatch(l -> l.contains("REST API listening on"));
    }

    @Test
    void anUnknownLogFormatStopsTheStartWithOneLine() {
        Map<String, String> env = new HashMap<>(freshSettings(Backend.SQLITE));
        env.put("SIPYARD_LOG_FORMAT", "xml");
        SipyardProcess.Result r = SipyardProcess.serveExpectingExit(env, logDir);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("sipyard: bad setting: SIPYARD_LOG_FORMAT must be text or json");
    }
}
