package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.HttpResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A 201 means the row is durable: kill -9 right after it, start again on the same data, and it is there. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DurabilityProcessTest extends ProcessTestBase {
    private static final int WRITERS = 16;
    private static final int KILL_AFTER_ACKS = 400;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyAcknowledgedCreateSurvivesKillDashNine(Backend backend) throws Exception {
        Map<String, String> settings = freshSettings(backend);
        SipyardProcess.Result created = SipyardProcess.run(settings, logDir, "project", "create", "--name", "durable",
                "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode project = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.stdout());
        String projectId = project.get("project_id").asText();
        String token = project.get("token").asText();

        // One create, and kill -9 the moment its 201 arrives.
        String aliceId;
        try (SipyardProcess server = SipyardProcess.serve(settings, logDir)) {
            HttpResult alice = new ApiClient(server.baseUrl(), projectId, token)
                    .post(ENDPOINTS, Map.of("username", "alice", "password", "Correct-Horse-9"));
            server.kill();
            assertThat(alice.status()).as(alice.toString()).isEqualTo(201);
            aliceId = alice.json().get("id").asText();
        }

        // Many concurrent creates, kill -9 in the middle of the stream.
        Map<String, String> acked = new ConcurrentHashMap<>(); // id -> username
        AtomicInteger failedInFlight = new AtomicInteger();
        try (SipyardProcess server = SipyardProcess.serve(settings, logDir)) {
            ApiClient api = new ApiClient(server.baseUrl(), projectId, token);
            HttpResult afterRestart = api.get(ENDPOINTS + "/" + aliceId);
            assertThat(afterRestart.status()).as("alice after kill -9: %s", afterRestart).isEqualTo(200);
            assertThat(afterRestart.json().get("username").asText()).isEqualTo("alice");

            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger unexpected = new AtomicInteger();
            List<String> unexpectedSamples = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; !killed.get(); i++) {
                            String username = "w" + writer + "-n" + i;
                            HttpResult r;
                            try {
                                r = api.post(ENDPOINTS, Map.of("username", username, "password", "Stable-Pass-" + i));
                            } catch (RuntimeException e) {
                                failedInFlight.incrementAndGet(); // the server died under this request
                                return;
                            }
                            if (r.status() == 201) {
                                acked.put(r.json().get("id").asText(), username);
                                if (acked.size() >= KILL_AFTER_ACKS && killed.compareAndSet(false, true)) {
                                    server.kill();
                                }
                            } else {
                                unexpected.incrementAndGet();
                                if (unexpectedSamples.size() < 3) {
                                    unexpectedSamples.add(r.toString());
                                }
                            }
                        }
                    }));
                }
                for (Future<?> f : writers) {
                    f.get(3, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(killed).as("the stream reached %s acknowledged creates", KILL_AFTER_ACKS).isTrue();
            assertThat(unexpected.get()).as("non-201 answers before the kill: %s", unexpectedSamples).isZero();
            assertThat(server.isAlive()).isFalse();
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);
        assertThat(failedInFlight.get()).as("the kill cut off requests in flight (it happened mid-stream)")
                .isPositive();
        System.out.printf("%s: %d creates acknowledged, %d cut off by kill -9%n", backend, acked.size(),
                failedInFlight.get());

        try (SipyardProcess server = SipyardProcess.serve(settings, logDir)) {
            ApiClient api = new ApiClient(server.baseUrl(), projectId, token);
            Map<String, String> stored = listAll(api);
            Set<String> lost = new HashSet<>(acked.keySet());
            lost.removeAll(stored.keySet());
            assertThat(lost).as("acknowledged with 201, gone after kill -9 (%d acked, %d requests cut off)",
                    acked.size(), failedInFlight.get()).isEmpty();
            acked.forEach((id, username) -> assertThat(stored.get(id)).isEqualTo(username));
            assertThat(stored).containsEntry(aliceId, "alice");

            // The stored password is usable state, not half-written: the endpoint can still be changed and read.
            String someId = acked.keySet().iterator().next();
            HttpResult patched = api.patch(ENDPOINTS + "/" + someId, Map.of("caller_id", "Survivor"));
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            // And the store still accepts writes after the crash.
            HttpResult fresh = api.post(ENDPOINTS, Map.of("username", "bob", "password", "Battery-Staple-7"));
            assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
        }
    }

    /** id -> username of every endpoint of the project, following the next links. */
    private static Map<String, String> listAll(ApiClient api) {
        Map<String, String> all = new HashMap<>();
        String url = ENDPOINTS + "?page_size=1000";
        for (int pages = 0; url != null && pages < 100; pages++) {
            HttpResult r = api.get(url);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            for (JsonNode e : r.json().get("data")) {
                all.put(e.get("id").asText(), e.get("username").asText());
            }
            JsonNode next = r.json().get("links").get("next");
            url = next == null || next.isNull() ? null : next.asText();
        }
        return all;
    }
}
