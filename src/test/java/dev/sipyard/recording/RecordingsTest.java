package dev.sipyard.recording;

import static dev.sipyard.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.calllog.CallbackReceiver;
import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.MovingClock;
import dev.sipyard.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Recordings stored, listed, found and deleted by the service of a real server, on both databases. */
class RecordingsTest {
    private static final Map<String, String> FAST_RETRIES = Map.of("SIPYARD_WEBHOOK_RETRY_MAX", "1s");

    /** A clock that stands still until the test moves it. */
    /** Bytes that stand for a WAV file (the store does not parse them). */
    static byte[] wav(String marker) {
        return ("RIFF....WAVEfmt " + marker).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoredRecordingIsAFileAndARowOfItsProjectOnly(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend)) {
            Recordings recordings = server.server().recordings();
            String project = server.createProject("rec").project().id();
            String other = server.createProject("other").project().id();
            String call = UUID.randomUUID().toString();
            byte[] audio = wav("one");

            Recording r = recordings.store(project, call, audio, 7, 8000);

            assertThat(r.projectId()).isEqualTo(project);
            assertThat(r.callSid()).isEqualTo(call);
            assertThat(r.status()).isEqualTo("completed");
            assertThat(r.source()).isEqualTo("RecordVerb");
            assertThat(r.channels()).isEqualTo(1);
            assertThat(r.sampleRate()).isEqualTo(8000);
            assertThat(r.durationSeconds()).isEqualTo(7);
            assertThat(r.sizeBytes()).isEqualTo(audio.length);
            assertThat(r.startedAt()).isEqualTo(r.createdAt() - 7000);
            assertThat(r.fileName()).isEqualTo("recordings/" + project + "/" + r.sid() + ".wav");
            Path file = recordings.file(r);
            assertThat(file).isEqualTo(server.dataDir().toAbsolutePath().normalize().resolve(r.fileName()));
            assertThat(Files.readAllBytes(file)).isEqualTo(audio);
            try (Stream<Path> inFolder = Files.list(file.getParent())) {
                assertThat(inFolder).containsExactly(file); // no temporary file left
            }

            assertThat(recordings.find(project, r.sid())).contains(r);
            assertThat(recordings.find(other, r.sid())).isEmpty();
            assertThat(recordings.find(project, "not-an-id")).isEmpty();
            assertThat(recordings.find(project, UUID.randomUUID().toString())).isEmpty();
            assertThat(recordings.url(r)).isEqualTo(server.baseUrl() + "/api/laml/2010-04-01/Accounts/" + project
                    + "/Recordings/" + r.sid());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWriteThatFailsLeavesNeitherFileNorRow(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend)) {
            Recordings recordings = server.server().recordings();
            String project = server.createProject("broken").project().id();
            String call = UUID.randomUUID().toString();

            assertThatThrownBy(() -> recordings.store(project, call, file -> {
                Files.write(file, wav("half"));
                throw new IOException("disk full");
            }, 3, 8000, null)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
            assertThatThrownBy(() -> recordings.store(project, call, file -> { }, 3, 8000, null))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("nothing was written");

            Path folder = server.dataDir().resolve("recordings").resolve(project);
            try (Stream<Path> left = Files.list(folder)) {
                assertThat(left).isEmpty();
            }
            assertThat(count(server, "SELECT COUNT(*) FROM recordings")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void badArgumentsAreRefusedBeforeAnythingIsWritten(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            Recordings recordings = server.server().recordings();
            String project = server.createProject("args").project().id();
            String call = UUID.randomUUID().toString();
            byte[] audio = wav("x");
            assertThatThrownBy(() -> recordings.store("../../etc", call, audio, 1, 8000))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> recordings.store(project, " ", audio, 1, 8000))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> recordings.store(project, call, audio, -1, 8000))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> recordings.store(project, call, audio, 1, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> recordings.store(project, call, new byte[0], 1, 8000))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> recordings.store(project, call, audio, 1, 8000,
                    new RecordingCallback("/relative", "POST"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> recordings.store(project, call, audio, 1, 8000,
                    new RecordingCallback("https://app.example.com/rec", "PUT")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(Files.exists(server.dataDir().resolve("recordings"))).isFalse();
            assertThat(count(server, "SELECT COUNT(*) FROM recordings")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listsAreNewestFirstFilteredAndPagedWithoutGapsWhenRowsGo(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            Jdbi jdbi = server.server().database().jdbi();
            MovingClock clock = new MovingClock(Instant.parse("2026-03-01T10:00:00Z"));
            Recordings recordings = new Recordings(jdbi, server.dataDir(), () -> "https://voice.example.com",
                    server.server().outbox(), clock);
            String project = server.createProject("lists").project().id();
            String other = server.createProject("other").project().id();
            String callA = UUID.randomUUID().toString();
            String callB = UUID.randomUUID().toString();
            List<String> oldestFirst = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                oldestFirst.add(recordings.store(project, i % 2 == 0 ? callA : callB, wav("n" + i), i, 8000).sid());
                clock.advance(Duration.ofHours(12));
            }
            recordings.store(other, callA, wav("theirs"), 1, 8000);
            List<String> newestFirst = new ArrayList<>(oldestFirst.reversed());

            assertThat(sids(recordings.list(project, RecordingFilter.NONE, PageRequest.first(50), 0)))
                    .containsExactlyElementsOf(newestFirst);
            assertThat(sids(recordings.list(project, RecordingFilter.ofCall(callA), PageRequest.first(50), 0)))
                    .containsExactly(oldestFirst.get(4), oldestFirst.get(2), oldestFirst.get(0));
            long march2 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
            long march3 = Instant.parse("2026-03-03T00:00:00Z").toEpochMilli();
            assertThat(sids(recordings.list(project, new RecordingFilter(null, march2, march3),
                    PageRequest.first(50), 0))).containsExactly(oldestFirst.get(3), oldestFirst.get(2));
            assertThat(sids(recordings.list(project, new RecordingFilter(callB, march2, null),
                    PageRequest.first(50), 0))).containsExactly(oldestFirst.get(5), oldestFirst.get(3));
            assertThat(sids(recordings.list(project, RecordingFilter.NONE, PageRequest.first(2), 4)))
                    .containsExactlyElementsOf(newestFirst.subList(4, 6));

            Page<Recording> first = recordings.list(project, RecordingFilter.NONE, PageRequest.first(2), 0);
            assertThat(first.hasNext()).isTrue();
            assertThat(first.hasPrev()).isFalse();
            String cursor = first.items().get(1).sid();
            assertThat(recordings.delete(project, cursor)).isTrue(); // the cursor's own row goes between pages
            Page<Recording> second = recordings.list(project, RecordingFilter.NONE,
                    new PageRequest(2, cursor, false), 0);
            assertThat(sids(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
            assertThat(second.hasNext()).isTrue();
            Page<Recording> back = recordings.list(project, RecordingFilter.NONE,
                    new PageRequest(2, second.items().get(0).sid(), true), 0);
            assertThat(sids(back)).containsExactly(newestFirst.get(0));
            assertThat(back.hasNext()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deletingRemovesRowAndFileOfItsOwnProjectOnly(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend)) {
            Recordings recordings = server.server().recordings();
            String project = server.createProject("del").project().id();
            String other = server.createProject("other").project().id();
            Recording r = recordings.store(project, UUID.randomUUID().toString(), wav("gone"), 2, 16000);
            Path file = recordings.file(r);

            assertThat(recordings.delete(other, r.sid())).isFalse();
            assertThat(file).exists();
            assertThat(recordings.delete(project, "not-an-id")).isFalse();

            assertThat(recordings.delete(project, r.sid())).isTrue();
            assertThat(file).doesNotExist();
            assertThat(recordings.find(project, r.sid())).isEmpty();
            assertThat(recordings.delete(project, r.sid())).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theStatusCallbackIsQueuedWithTheRowAndDeliveredSigned(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend, FAST_RETRIES);
             CallbackReceiver receiver = new CallbackReceiver(0, signingKeys(server))) {
            Recordings recordings = server.server().recordings();
            String project = server.createProject("cb").project().id();
            String call = UUID.randomUUID().toString();
            receiver.status.set(503); // held in the outbox until the receiver accepts

            Recording r = recordings.store(project, call, wav("cb"), 12, 8000,
                    new RecordingCallback(receiver.url("/ok"), "post"));

            until("a first delivery attempt", () -> receiver.attempts.get() >= 1);
            Map<String, String> queued = outboxParams(server, r.sid());
            assertThat(queued).containsExactly(
                    Map.entry("AccountSid", project),
                    Map.entry("CallSid", call),
                    Map.entry("RecordingSid", r.sid()),
                    Map.entry("RecordingUrl", server.baseUrl() + "/api/laml/2010-04-01/Accounts/" + project
                            + "/Recordings/" + r.sid()),
                    Map.entry("RecordingStatus", "completed"),
                    Map.entry("RecordingDuration", "12"),
                    Map.entry("RecordingChannels", "1"),
                    Map.entry("RecordingSource", "RecordVerb"));

            receiver.status.set(200);
            until("the callback delivered", () -> receiver.accepted.size() == 1);
            CallbackReceiver.Callback got = receiver.accepted.get(0);
            assertThat(got.params()).isEqualTo(queued);
            assertThat(got.signatureValid()).isTrue();
            until("the outbox emptied", () -> count(server, "SELECT COUNT(*) FROM webhook_outbox") == 0);

            recordings.store(project, call, wav("none"), 1, 8000, null);
            assertThat(count(server, "SELECT COUNT(*) FROM webhook_outbox")).isZero();
        }
    }

    private static List<String> sids(Page<Recording> page) {
        return page.items().stream().map(Recording::sid).toList();
    }

    private static int count(TestServer server, String sql) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private static Map<String, String> outboxParams(TestServer server, String orderingKey) throws IOException {
        String json = server.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT params FROM webhook_outbox WHERE ordering_key = :key")
                .bind("key", orderingKey).mapTo(String.class).one());
        return new ObjectMapper().readValue(json, new TypeReference<java.util.LinkedHashMap<String, String>>() {});
    }

    private static Function<String, String> signingKeys(TestServer server) {
        Jdbi jdbi = server.server().database().jdbi();
        return project -> jdbi.withHandle(h -> h.createQuery("SELECT signing_key FROM projects WHERE id = :id")
                .bind("id", project).mapTo(String.class).one());
    }

}
