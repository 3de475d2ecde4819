package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.recording.Recording;
import dev.sipyard.recording.Recordings;
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
 * SignalWire's official npm client ({@code @signalwire/compatibility-api}) lists, filters, fetches
 * and deletes recordings; node runs src/test/js/recordings.js. Recordings are stored through the
 * server's service, as the call engine will.
 */
class RecordingClientInteropTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOfficialClientListsFetchesAndDeletesRecordings(Backend backend) throws Exception {
        String node = Peers.require("node");
        Path js = Peers.nodePackages();
        try (TestServer server = TestServer.start(backend)) {
            ApiClient api = server.newProject("client");
            String project = api.credentials()[0];
            Recordings recordings = server.server().recordings();
            CallRows rows = new CallRows(server);
            long t = System.currentTimeMillis() - 600_000;
            String callA = rows.insert(new CallRows.Call(project, null, "alice", "+15551110000", "completed", t,
                    t + 60_000, 200));
            String callB = rows.insert(new CallRows.Call(project, null, "bob", "+15552220000", "completed", t,
                    t + 60_000, 200));
            List<String> newestFirst = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Recording r = recordings.store(project, i == 3 ? callB : callA, RecordingApiTest.wav(8000, 100 * i + 100),
                        i, 8000);
                newestFirst.add(0, r.sid());
            }
            recordings.store(server.newProject("other").credentials()[0], callA, RecordingApiTest.wav(8000, 100), 0,
                    8000);
            String doomed = newestFirst.get(4);

            var result = Processes.run(List.of(node, "recordings.js", server.baseUrl(), project, api.credentials()[1],
                    callB, doomed), js, 60);
            assertThat(result.exit()).as(result.output()).isZero();
            String line = result.output().lines().filter(l -> l.startsWith("{")).findFirst()
                    .orElseThrow(() -> new AssertionError("no JSON from recordings.js: " + result.output()));
            JsonNode out = new ObjectMapper().readTree(line);

            assertThat(texts(out.get("all"))).containsExactlyElementsOf(newestFirst);
            assertThat(texts(out.get("ofCall"))).containsExactly(newestFirst.get(1));
            assertThat(texts(out.get("since"))).containsExactlyElementsOf(newestFirst);
            assertThat(texts(out.get("before"))).isEmpty();

            JsonNode one = out.get("one");
            assertThat(one.get("sid").asText()).isEqualTo(newestFirst.get(0));
            assertThat(one.get("accountSid").asText()).isEqualTo(project);
            assertThat(one.get("callSid").asText()).isEqualTo(callA);
            assertThat(one.get("channels").asInt()).isEqualTo(1);
            assertThat(one.get("duration").asText()).isEqualTo("4");
            assertThat(one.get("source").asText()).isEqualTo("RecordVerb");
            assertThat(one.get("status").asText()).isEqualTo("completed");
            assertThat(one.get("apiVersion").asText()).isEqualTo("2010-04-01");
            assertThat(Instant.parse(one.get("dateCreated").asText()).toEpochMilli()
                    - Instant.parse(one.get("startTime").asText()).toEpochMilli()).isEqualTo(4000);
            assertThat(out.get("oneOfCall").asText()).isEqualTo(newestFirst.get(1));

            assertThat(out.get("removed").asBoolean()).isTrue();
            assertThat(texts(out.get("afterRemove"))).containsExactlyElementsOf(newestFirst.subList(0, 4));
            assertThat(out.get("missing").get("status").asInt()).isEqualTo(404);
            assertThat(out.get("missing").get("code").asInt()).isEqualTo(20404);
            assertThat(recordings.find(project, doomed)).isEmpty();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
