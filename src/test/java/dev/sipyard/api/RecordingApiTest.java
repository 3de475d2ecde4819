package dev.sipyard.api;

import static dev.sipyard.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.calllog.CallbackReceiver;
import dev.sipyard.recording.Recording;
import dev.sipyard.recording.RecordingCallback;
import dev.sipyard.recording.Recordings;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.CallRows;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recordings over real HTTP, as the Compatibility API serves them. Nothing records over the wire
 * yet, so recordings are stored through the server's own service, as the call engine will.
 */
class RecordingApiTest {
    private static final String RFC_2822 = "[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000";

    /** A real PCM16 mono WAV: {@code millis} of a rising sawtooth at {@code rate}. */
    static byte[] wav(int rate, int millis) {
        int samples = rate * millis / 1000;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) ((i * 97) % 20000 - 10000));
        }
        return b.array();
    }

    /** The server, a project's client and its recordings' paths under one prefix. */
    private record Setup(TestServer server, ApiClient api, String project, Recordings recordings) {
        static Setup of(TestServer server) {
            ApiClient api = server.newProject("recordings");
            return new Setup(server, api, api.credentials()[0], server.server().recordings());
        }

        String account(String prefix) {
            return prefix + "/Accounts/" + project;
        }

        String call(String to, long start) {
            return new CallRows(server).insert(new CallRows.Call(project, null, "alice", to, "completed", start,
                    start + 30_000, 200));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listsNewestFirstPerAccountAndPerCallUnderBothPrefixes(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            Setup s = Setup.of(server);
            long now = System.currentTimeMillis();
            String callA = s.call("+15550000001", now - 120_000);
            String callB = s.call("+15550000002", now - 60_000);
            List<String> newestFirst = new ArrayList<>();
            Recording oldest = s.recordings().store(s.project(), callA, wav(8000, 500), 1, 8000);
            newestFirst.add(0, oldest.sid());
            newestFirst.add(0, s.recordings().store(s.project(), callB, wav(8000, 700), 1, 8000).sid());
            newestFirst.add(0, s.recordings().store(s.project(), callA, wav(16000, 300), 0, 16000).sid());
            String others = server.newProject("other").credentials()[0];
            s.recordings().store(others, callA, wav(8000, 100), 0, 8000);

            for (String prefix : List.of("/api/laml/2010-04-01", "/2010-04-01")) {
                for (String suffix : List.of("", ".json")) {
                    HttpResult r = s.api().get(s.account(prefix) + "/Recordings" + suffix);
                    assertThat(r.status()).as(prefix + suffix).isEqualTo(200);
                    assertThat(sids(r.json())).as(prefix + suffix).containsExactlyElementsOf(newestFirst);
                    HttpResult ofCall = s.api().get(s.account(prefix) + "/Calls/" + callA + "/Recordings" + suffix);
                    assertThat(sids(ofCall.json())).containsExactly(newestFirst.get(0), newestFirst.get(2));
                }
            }
            String list = s.account("/api/laml/2010-04-01") + "/Recordings.json";
            JsonNode page = s.api().get(list).json();
            assertThat(page.get("page").asInt()).isZero();
            assertThat(page.get("page_size").asInt()).isEqualTo(50);
            assertThat(page.get("start").asInt()).isZero();
            assertThat(page.get("end").asInt()).isEqualTo(2);
            assertThat(page.get("next_page_uri").isNull()).isTrue();
            assertThat(page.get("first_page_uri").asText()).startsWith(list + "?");
            assertThat(page.get("recordings").get(0).get("sid").asText()).isEqualTo(newestFirst.get(0));

            assertThat(sids(s.api().get(list + "?CallSid=" + callB).json())).containsExactly(newestFirst.get(1));
            assertThat(sids(s.api().get(s.account("/api/laml/2010-04-01") + "/Calls/" + callB
                    + "/Recordings.json?CallSid=" + callA).json())).containsExactly(newestFirst.get(1));
            String today = Instant.ofEpochMilli(oldest.createdAt()).atZone(ZoneOffset.UTC).toLocalDate().toString();
            assertThat(sids(s.api().get(list + "?DateCreated=" + today).json())).hasSize(3);
            assertThat(sids(s.api().get(list + "?DateCreated%3C=2001-01-01").json())).isEmpty();
            assertThat(sids(s.api().get(list + "?DateCreated%3E=2001-01-01").json())).hasSize(3);
            HttpResult badDate = s.api().get(list + "?DateCreated=yesterday");
            assertThat(badDate.status()).isEqualTo(400);
            assertThat(badDate.json().get("code").asInt()).isEqualTo(20001);

            List<String> seen = new ArrayList<>();
            JsonNode first = s.api().get(list + "?PageSize=2").json();
            seen.addAll(sids(first));
            JsonNode second = s.api().get(first.get("next_page_uri").asText()).json();
            seen.addAll(sids(second));
            assertThat(seen).containsExactlyElementsOf(newestFirst);
            assertThat(second.get("next_page_uri").isNull()).isTrue();
            assertThat(sids(s.api().get(second.get("previous_page_uri").asText()).json()))
                    .containsExactlyElementsOf(newestFirst.subList(0, 2));
            assertThat(s.api().get(list + "?PageSize=0").status()).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRecordingIsItsMetadataAsJsonAndItsAudioAsWav(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend)) {
            Setup s = Setup.of(server);
            String call = s.call("+15550000003", System.currentTimeMillis() - 60_000);
            byte[] audio = wav(8000, 2000);
            Recording r = s.recordings().store(s.project(), call, audio, 2, 8000);
            String path = "/api/laml/2010-04-01/Accounts/" + s.project() + "/Recordings/" + r.sid();

            for (String prefix : List.of("/api/laml/2010-04-01", "/2010-04-01")) {
                HttpResult meta = s.api().get(s.account(prefix) + "/Recordings/" + r.sid() + ".json");
                assertThat(meta.status()).isEqualTo(200);
                JsonNode j = meta.json();
                assertThat(j.get("sid").asText()).isEqualTo(r.sid());
                assertThat(j.get("account_sid").asText()).isEqualTo(s.project());
                assertThat(j.get("call_sid").asText()).isEqualTo(call);
                assertThat(j.get("conference_sid").isNull()).isTrue();
                assertThat(j.get("channels").asInt()).isEqualTo(1);
                assertThat(j.get("duration").asText()).isEqualTo("2");
                assertThat(j.get("source").asText()).isEqualTo("RecordVerb");
                assertThat(j.get("status").asText()).isEqualTo("completed");
                assertThat(j.get("date_created").asText()).matches(RFC_2822);
                assertThat(j.get("date_updated").asText()).matches(RFC_2822);
                assertThat(j.get("start_time").asText()).matches(RFC_2822);
                assertThat(j.get("api_version").asText()).isEqualTo("2010-04-01");
                assertThat(j.get("price").isNull()).isTrue();
                assertThat(j.get("error_code").isNull()).isTrue();
                assertThat(j.get("uri").asText()).isEqualTo(path + ".json");
                assertThat(j.get("media_url").asText()).isEqualTo(server.baseUrl() + path);
            }

            for (String media : List.of(path, path + ".wav", "/2010-04-01/Accounts/" + s.project() + "/Recordings/"
                    + r.sid() + ".wav")) {
                HttpResponse<byte[]> wav = s.api().download(media);
                assertThat(wav.statusCode()).as(media).isEqualTo(200);
                assertThat(wav.headers().firstValue("Content-Type")).contains("audio/x-wav");
                assertThat(wav.headers().firstValue("Content-Length")).contains(String.valueOf(audio.length));
                assertThat(wav.body()).isEqualTo(audio);
            }

            HttpResponse<byte[]> gzipAccepted = s.api().download(path, "Accept-Encoding", "gzip");
            assertThat(gzipAccepted.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(gzipAccepted.body()).isEqualTo(audio);

            HttpResponse<byte[]> part = s.api().download(path + ".wav", "Range", "bytes=44-143");
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range")).contains("bytes 44-143/" + audio.length);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(audio, 44, 144));
            HttpResponse<byte[]> tail = s.api().download(path, "Range", "bytes=-10");
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(audio, audio.length - 10, audio.length));
            HttpResponse<byte[]> past = s.api().download(path, "Range", "bytes=" + audio.length + "-");
            assertThat(past.statusCode()).isEqualTo(416);
            assertThat(past.headers().firstValue("Content-Range")).contains("bytes */" + audio.length);
            HttpResponse<byte[]> nonsense = s.api().download(path, "Range", "bytes=abc-");
            assertThat(nonsense.statusCode()).isEqualTo(200);
            assertThat(nonsense.body()).isEqualTo(audio);

            String ofCall = s.account("/2010-04-01") + "/Calls/" + call + "/Recordings/" + r.sid();
            assertThat(s.api().get(ofCall + ".json").json().get("sid").asText()).isEqualTo(r.sid());
            assertThat(s.api().download(ofCall).body()).isEqualTo(audio);
            String otherCall = s.call("+15550000009", System.currentTimeMillis() - 30_000);
            String notOfCall = s.account("/2010-04-01") + "/Calls/" + otherCall + "/Recordings/" + r.sid();
            assertThat(s.api().get(notOfCall + ".json").status()).isEqualTo(404);
            assertThat(s.api().download(notOfCall).statusCode()).isEqualTo(404);
            assertThat(s.api().delete(notOfCall + ".json").status()).isEqualTo(404);
            assertThat(s.recordings().file(r)).exists();

            HttpResult mp3 = s.api().get(path + ".mp3");
            assertThat(mp3.status()).isEqualTo(404);
            assertThat(mp3.json().get("code").asInt()).isEqualTo(20404);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deleteRemovesTheRecordingAndItsFile(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            Setup s = Setup.of(server);
            String call = s.call("+15550000004", System.currentTimeMillis() - 60_000);
            Recording kept = s.recordings().store(s.project(), call, wav(8000, 100), 0, 8000);
            List<Path> files = new ArrayList<>();
            for (String prefix : List.of("/api/laml/2010-04-01", "/2010-04-01")) {
                for (String suffix : List.of("", ".json")) {
                    Recording r = s.recordings().store(s.project(), call, wav(8000, 200), 0, 8000);
                    Path file = s.recordings().file(r);
                    files.add(file);
                    String at = s.account(prefix) + "/Recordings/" + r.sid();
                    HttpResult deleted = s.api().delete(at + suffix);
                    assertThat(deleted.status()).as(prefix + suffix).isEqualTo(204);
                    assertThat(deleted.body()).isEmpty();
                    assertThat(file).doesNotExist();
                    assertThat(s.api().get(at + ".json").status()).isEqualTo(404);
                    assertThat(s.api().download(at + ".wav").statusCode()).isEqualTo(404);
                    HttpResult again = s.api().delete(at + suffix);
                    assertThat(again.status()).isEqualTo(404);
                    assertThat(again.json().get("code").asInt()).isEqualTo(20404);
                }
            }
            assertThat(files).hasSize(4);
            Recording ofCall = s.recordings().store(s.project(), call, wav(8000, 200), 0, 8000);
            assertThat(s.api().delete(s.account("/2010-04-01") + "/Calls/" + call + "/Recordings/" + ofCall.sid()
                    + ".json").status()).isEqualTo(204);
            assertThat(s.recordings().file(ofCall)).doesNotExist();
            assertThat(sids(s.api().get(s.account("/api/laml/2010-04-01") + "/Recordings.json").json()))
                    .containsExactly(kept.sid());
            assertThat(s.recordings().file(kept)).exists();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anotherProjectsRecordingAndBadSidsAre404sInTwiliosShape(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            Setup s = Setup.of(server);
            String call = s.call("+15550000005", System.currentTimeMillis() - 60_000);
            Recording r = s.recordings().store(s.project(), call, wav(8000, 100), 0, 8000);
            ApiClient intruder = server.newProject("intruder");
            String theirs = "/api/laml/2010-04-01/Accounts/" + intruder.credentials()[0];
            String mine = s.account("/api/laml/2010-04-01");

            List<HttpResult> refused = List.of(
                    intruder.get(theirs + "/Recordings/" + r.sid() + ".json"),
                    intruder.get(theirs + "/Recordings/" + r.sid()),
                    intruder.delete(theirs + "/Recordings/" + r.sid()),
                    intruder.get(mine + "/Recordings/" + r.sid() + ".json"),
                    intruder.get(mine + "/Recordings.json"),
                    intruder.delete(mine + "/Recordings/" + r.sid()),
                    s.api().get(mine + "/Recordings/not-a-sid.json"),
                    s.api().get(mine + "/Recordings/not-a-sid"),
                    s.api().get(mine + "/Recordings/00000000-0000-7000-8000-000000000000.json"),
                    s.api().delete(mine + "/Recordings/00000000-0000-7000-8000-000000000000"));
            for (HttpResult res : refused) {
                assertThat(res.status()).as(res.toString()).isEqualTo(404);
                JsonNode body = res.json();
                assertThat(body.get("code").asInt()).isEqualTo(20404);
                assertThat(body.get("status").asInt()).isEqualTo(404);
                assertThat(body.get("message").asText()).isNotBlank();
                assertThat(body.get("more_info").asText()).contains("errors.md");
            }
            assertThat(sids(intruder.get(theirs + "/Recordings.json").json())).isEmpty();
            assertThat(sids(intruder.get(theirs + "/Calls/" + call + "/Recordings.json").json())).isEmpty();
            assertThat(s.recordings().file(r)).exists();

            HttpResult anonymous = server.anonymous().get(mine + "/Recordings/" + r.sid());
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Basic realm=\"sipyard\"");
            assertThat(anonymous.json().get("code").asInt()).isEqualTo(20003);
            assertThat(server.anonymous().delete(mine + "/Recordings/" + r.sid()).status()).isEqualTo(401);
            assertThat(s.recordings().file(r)).exists();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theStatusCallbacksRecordingUrlServesTheAudio(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend);
             CallbackReceiver receiver = new CallbackReceiver(0, signingKeys(server))) {
            Setup s = Setup.of(server);
            String call = s.call("+15550000006", System.currentTimeMillis() - 60_000);
            byte[] audio = wav(8000, 1500);
            Recording r = s.recordings().store(s.project(), call, audio, 1, 8000,
                    new RecordingCallback(receiver.url("/ok"), null));

            until("the recording status callback delivered", () -> receiver.accepted.size() == 1);
            CallbackReceiver.Callback got = receiver.accepted.get(0);
            assertThat(got.signatureValid()).isTrue();
            assertThat(got.params()).containsEntry("RecordingSid", r.sid()).containsEntry("CallSid", call)
                    .containsEntry("AccountSid", s.project()).containsEntry("RecordingStatus", "completed")
                    .containsEntry("RecordingDuration", "1").containsEntry("RecordingChannels", "1")
                    .containsEntry("RecordingSource", "RecordVerb");
            String url = got.params().get("RecordingUrl");
            assertThat(url).startsWith(server.baseUrl() + "/").doesNotEndWith(".wav");
            assertThat(s.api().download(url + ".wav").body()).isEqualTo(audio);
            assertThat(s.api().download(url).body()).isEqualTo(audio);
            assertThat(s.api().get(url + ".json").json().get("media_url").asText()).isEqualTo(url);
        }
    }

    private static List<String> sids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("recordings").forEach(r -> out.add(r.get("sid").asText()));
        return out;
    }

    private static java.util.function.Function<String, String> signingKeys(TestServer server) {
        Jdbi jdbi = server.server().database().jdbi();
        return project -> jdbi.withHandle(h -> h.createQuery("SELECT signing_key FROM projects WHERE id = :id")
                .bind("id", project).mapTo(String.class).one());
    }

}
