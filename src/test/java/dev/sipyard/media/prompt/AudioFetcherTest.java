package dev.sipyard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.audio.WavFile;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AudioFetcherTest {
    private static final long MAX_BYTES = 100 * 1024;
    private static final byte[] WAV = WavFile.write(new AudioClip(8000, new short[] {1, 2, 3, 4}));

    private final AudioServer server;
    private final AudioFetcher fetcher = new AudioFetcher(false, MAX_BYTES, Duration.ofSeconds(10), 1 << 20);

    AudioFetcherTest() throws IOException {
        server = new AudioServer();
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void fetchesAndDecodesAWavOnceThenServesItFromTheCache() throws Exception {
        server.serve("/hello.wav", "audio/wav", WAV);

        AudioClip first = fetcher.fetch(server.url("/hello.wav"));
        AudioClip second = fetcher.fetch(server.url("/hello.wav"));

        assertThat(first.samples()).containsExactly(1, 2, 3, 4);
        assertThat(second).isSameAs(first);
        assertThat(server.requests("/hello.wav")).isEqualTo(1);
    }

    @Test
    void cachesNoMoreThanItsBudget() throws Exception {
        server.serve("/a.wav", "audio/wav", WAV).serve("/b.wav", "audio/wav", WAV);
        long oneClip = ClipCache.sizeOf(WavFile.read(WAV));
        try (AudioFetcher small = new AudioFetcher(false, MAX_BYTES, Duration.ofSeconds(10), oneClip)) {
            small.fetch(server.url("/a.wav"));
            small.fetch(server.url("/b.wav"));
            small.fetch(server.url("/a.wav"));
        }

        assertThat(server.requests("/a.wav")).isEqualTo(2);
    }

    @Test
    void sniffsAudioServedAsOctetStreamAndFollowsRedirects() throws Exception {
        server.serve("/blob", "application/octet-stream", WAV).redirect("/moved", "/blob");

        assertThat(fetcher.fetch(server.url("/moved")).samples()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void refusesABodyLargerThanTheLimitWithoutReadingIt() {
        server.serve("/huge.wav", "audio/wav", new byte[10 * 1024 * 1024]);

        assertThatThrownBy(() -> fetcher.fetch(server.url("/huge.wav"))).isInstanceOf(PromptFailure.class)
                .hasMessage("audio at " + server.url("/huge.wav") + " is larger than 100 kB");
    }

    @Test
    void stopsReadingAnEndlessChunkedBodyAtTheLimit() {
        server.on("/endless", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[16 * 1024];
            while (true) {
                out.write(chunk);
            }
        });

        assertThatThrownBy(() -> fetcher.fetch(server.url("/endless"))).isInstanceOf(PromptFailure.class)
                .hasMessage("audio at " + server.url("/endless") + " is larger than 100 kB");
    }

    @Test
    void givesUpOnAServerThatDoesNotAnswerInTime() {
        server.on("/silent", exchange -> server.stall());
        try (AudioFetcher impatient = new AudioFetcher(false, MAX_BYTES, Duration.ofMillis(700), 1 << 20)) {
            assertThatThrownBy(() -> impatient.fetch(server.url("/silent"))).isInstanceOf(PromptFailure.class)
                    .hasMessage("no audio from " + server.url("/silent") + " within 700 ms");
        }
    }

    @Test
    void givesUpOnABodyThatStopsHalfway() {
        server.on("/stalls.wav", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "audio/wav");
            exchange.sendResponseHeaders(200, WAV.length);
            exchange.getResponseBody().write(WAV, 0, 20);
            exchange.getResponseBody().flush();
            server.stall();
        });
        try (AudioFetcher impatient = new AudioFetcher(false, MAX_BYTES, Duration.ofSeconds(1), 1 << 20)) {
            assertThatThrownBy(() -> impatient.fetch(server.url("/stalls.wav"))).isInstanceOf(PromptFailure.class)
                    .hasMessage("no audio from " + server.url("/stalls.wav") + " within 1 s");
        }
    }

    @Test
    void refusesTextWithoutReadingItAndNamesTheUrlWithoutItsQuery() {
        server.serve("/page", "text/html; charset=utf-8", "<html>hello</html>".getBytes());

        assertThatThrownBy(() -> fetcher.fetch(server.url("/page?token=secret"))).isInstanceOf(PromptFailure.class)
                .hasMessage("audio at " + server.url("/page") + " is not audio (text/html)");
    }

    @Test
    void refusesBytesThatAreNotAudioWhateverTheyAreLabelled() {
        server.serve("/fake.wav", "audio/wav", "just some text".getBytes());

        assertThatThrownBy(() -> fetcher.fetch(server.url("/fake.wav")))
                .hasMessage("audio at " + server.url("/fake.wav") + " is not audio (audio/wav)");
    }

    @Test
    void stopsARedirectLoopAfterThreeRedirects() {
        server.redirect("/loop", "/loop");

        assertThatThrownBy(() -> fetcher.fetch(server.url("/loop"))).isInstanceOf(PromptFailure.class)
                .hasMessage("audio at " + server.url("/loop") + ": more than 3 redirects");
        assertThat(server.requests("/loop")).isEqualTo(4);
    }

    @Test
    void reportsHttpErrors() {
        server.on("/missing.wav", exchange -> AudioServer.respond(exchange, 404, "text/plain", "no".getBytes()));

        assertThatThrownBy(() -> fetcher.fetch(server.url("/missing.wav")))
                .hasMessage("audio at " + server.url("/missing.wav") + " returned HTTP 404");
    }

    @Test
    void refusesOtherSchemesAndLinkLocalAddresses() {
        assertThatThrownBy(() -> fetcher.fetch("ftp://example.com/a.wav"))
                .hasMessage("audio URL must be http or https: ftp://example.com/a.wav");
        assertThatThrownBy(() -> fetcher.fetch("file:///etc/passwd"))
                .hasMessage("audio URL must be http or https: file:///etc/passwd");
        assertThatThrownBy(() -> fetcher.fetch("http://169.254.169.254/latest/meta-data"))
                .hasMessage("audio at http://169.254.169.254/latest/meta-data refused: "
                        + "the cloud metadata address 169.254.169.254 is not allowed");
        assertThatThrownBy(() -> fetcher.fetch("http://[fe80::1]/a.wav"))
                .hasMessageStartingWith("audio at http://[fe80::1]/a.wav refused: the link-local address");
    }

    @Test
    void checksTheTargetOfEveryRedirect() {
        server.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data");

        assertThatThrownBy(() -> fetcher.fetch(server.url("/to-metadata")))
                .hasMessage("audio at http://169.254.169.254/latest/meta-data refused: "
                        + "the cloud metadata address 169.254.169.254 is not allowed");
    }

    @Test
    void refusesInvalidUrls() {
        assertThatThrownBy(() -> fetcher.fetch(null)).hasMessage("invalid audio URL: empty");
        assertThatThrownBy(() -> fetcher.fetch("http://exa mple.com/")).hasMessageStartingWith("invalid audio URL: ");
        assertThatThrownBy(() -> fetcher.fetch("/relative.wav")).hasMessage("audio URL must be http or https: /relative.wav");
        assertThatThrownBy(() -> fetcher.fetch("http:///a.wav")).hasMessageStartingWith("invalid audio URL: no host");
    }

    @Test
    void hidesUserInfoAndQueryInMessages() {
        assertThat(AudioFetcher.shown(java.net.URI.create("https://user:pw@example.com:8443/a/b.mp3?sig=1#x")))
                .isEqualTo("https://example.com:8443/a/b.mp3");
    }
}
