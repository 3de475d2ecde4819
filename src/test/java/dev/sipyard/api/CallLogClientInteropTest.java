package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.CallRows;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SignalWire's official npm client ({@code @signalwire/compatibility-api}) lists and fetches
 * calls from sipyard's call log; node runs src/test/js/calls.js. The rows are seeded with SQL,
 * since the call engine that writes them is being built in parallel.
 */
class CallLogClientInteropTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOfficialClientListsPagesFiltersAndFetchesCalls(Backend backend) throws Exception {
        String node = Peers.require("node");
        Path js = Peers.nodePackages();
        try (TestServer server = TestServer.start(backend)) {
            ApiClient api = server.newProject("client");
            String project = api.credentials()[0];
            CallRows rows = new CallRows(server);
            long t = Instant.parse("2026-05-01T12:00:00Z").toEpochMilli();
            List<String> newestFirst = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String to = i % 2 == 0 ? "+15551110000" : "+15552220000";
                newestFirst.add(0, rows.insert(new CallRows.Call(project, null, "alice", to, "completed",
                        t + i * 60_000L, t + i * 60_000L + 42_000, 200)));
            }
            rows.insert(new CallRows.Call(server.newProject("other").credentials()[0], null, "eve", "+15551110000",
                    "completed", t, t + 1000, 200));

            var result = Processes.run(List.of(node, "calls.js", server.baseUrl(), project, api.credentials()[1],
                    "+15552220000"), js, 60);
            assertThat(result.exit()).as(result.output()).isZero();
            String line = result.output().lines().filter(l -> l.startsWith("{")).findFirst()
                    .orElseThrow(() -> new AssertionError("no JSON from calls.js: " + result.output()));
            JsonNode out = new ObjectMapper().readTree(line);

            assertThat(texts(out.get("all"))).containsExactlyElementsOf(newestFirst);
            assertThat(texts(out.get("filtered"))).containsExactly(newestFirst.get(1), newestFirst.get(3));
            assertThat(texts(out.get("pages").get(0))).containsExactlyElementsOf(newestFirst.subList(0, 2));
            assertThat(texts(out.get("pages").get(1))).containsExactlyElementsOf(newestFirst.subList(2, 4));

            JsonNode one = out.get("one");
            assertThat(one.get("sid").asText()).isEqualTo(newestFirst.get(0));
            assertThat(one.get("accountSid").asText()).isEqualTo(project);
            assertThat(one.get("from").asText()).isEqualTo("alice");
            assertThat(one.get("to").asText()).isEqualTo("+15551110000");
            assertThat(one.get("status").asText()).isEqualTo("completed");
            assertThat(one.get("direction").asText()).isEqualTo("inbound");
            assertThat(one.get("startTime").asText()).isEqualTo("2026-05-01T12:04:00.000Z");
            assertThat(one.get("endTime").asText()).isEqualTo("2026-05-01T12:04:42.000Z");
            assertThat(one.get("duration").asText()).isEqualTo("42");
            assertThat(one.get("apiVersion").asText()).isEqualTo("2010-04-01");

            JsonNode missing = out.get("missing");
            assertThat(missing.get("status").asInt()).isEqualTo(404);
            assertThat(missing.get("code").asInt()).isEqualTo(20404);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
