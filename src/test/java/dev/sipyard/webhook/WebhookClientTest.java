package dev.sipyard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookClientTest {
    private static final String PROJECT = "p-1";
    private static final String KEY = "the-signing-key-of-p-1";

    private HttpServer server;
    private String base;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private WebhookClient client;

    /** One request the test server received, with the verdict of its own signature check. */
    record Seen(String method, String uri, String contentType, String body, String userAgent, boolean signatureValid) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/doc", ex -> {
            record(ex);
            reply(ex, 200, "text/xml; charset=utf-8", "<Response><Hangup/></Response>");
        });
        server.createContext("/status", ex -> {
            record(ex);
            reply(ex, Integer.parseInt(ex.getRequestURI().getPath().substring("/status/".length())), "text/plain", "nope");
        });
        server.createContext("/big", ex -> {
            ex.getRequestBody().readAllBytes();
            boolean chunked = ex.getRequestURI().getPath().endsWith("chunked");
            ex.sendResponseHeaders(200, chunked ? 0 : 10 * 1024 * 1024);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 160; i++) {
                    out.write(chunk);
                }
            } catch (IOException clientWentAway) {
                // expected: the client stops reading after 64 kB
            }
        });
        server.createContext("/never", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.createContext("/hop", ex -> {
            record(ex);
            int left = Integer.parseInt(ex.getRequestURI().getPath().substring("/hop/".length()));
            if (left == 0) {
                reply(ex, 200, "text/xml", "<Response/>");
            } else {
                redirect(ex, 302, "/hop/" + (left - 1));
            }
        });
        server.createContext("/keep", ex -> {
            record(ex);
            redirect(ex, 307, "/doc?kept=1");
        });
        server.createContext("/loop", ex -> redirect(ex, 302, base + "/loop"));
        server.createContext("/to-metadata", ex -> redirect(ex, 302, "http://169.254.169.254/latest/meta-data/"));
        server.start();
        client = new WebhookClient(id -> id.equals(PROJECT) ? Optional.of(KEY) : Optional.empty(), false);
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        client.close();
        server.stop(0);
    }

    @Test
    void aFormPostIsSignedOverTheUrlAndTheSortedFields() {
        FetchResult r = send(new WebhookRequest(PROJECT, base + "/doc?x=1", "POST", form(), null));
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("<Response><Hangup/></Response>");
        assertThat(r.contentType()).startsWith("text/xml");
        assertThat(r.error()).isNull();
        assertThat(r.finalUrl()).isEqualTo(base + "/doc?x=1");
        Seen s = seen.get(0);
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(s.body()).isEqualTo("CallSid=CA1&From=%2B15551230000&To=sip%3Abob%40example.com&CallerName=A+%26+B");
        assertThat(s.userAgent()).isEqualTo("sipyard");
        assertThat(s.signatureValid()).isTrue();
    }

    @Test
    void aGetCarriesTheFieldsInTheQueryAndSignsTheFullUrl() {
        FetchResult r = send(new WebhookRequest(PROJECT, base + "/doc?x=1", "GET", form(), null));
        assertThat(r.ok()).as(r.error()).isTrue();
        Seen s = seen.get(0);
        assertThat(s.method()).isEqualTo("GET");
        assertThat(s.uri()).isEqualTo("/doc?x=1&CallSid=CA1&From=%2B15551230000&To=sip%3Abob%40example.com&CallerName=A+%26+B");
        assertThat(s.body()).isEmpty();
        assertThat(s.signatureValid()).isTrue();
    }

    @Test
    void swmlIsAJsonPostSignedInHexAndTheFragmentIsNotSent() {
        String json = "{\"call\":{\"call_id\":\"c1\"},\"vars\":{},\"params\":{}}";
        FetchResult r = send(new WebhookRequest(PROJECT, base + "/doc#tt=3000", "POST", null, json));
        assertThat(r.ok()).as(r.error()).isTrue();
        Seen s = seen.get(0);
        assertThat(s.contentType()).isEqualTo("application/json");
        assertThat(s.body()).isEqualTo(json);
        assertThat(s.uri()).isEqualTo("/doc");
        assertThat(s.signatureValid()).isTrue();
        assertThat(r.finalUrl()).isEqualTo(base + "/doc");
    }

    @Test
    void aTenMegabyteBodyIsRefusedQuickly() {
        for (String path : List.of("/big", "/big/chunked")) {
            long t0 = System.nanoTime();
            FetchResult r = send(new WebhookRequest(PROJECT, base + path, "GET", Map.of(), null));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(r.ok()).isFalse();
            assertThat(r.body()).isNull();
            assertThat(r.error()).isEqualTo("document larger than 64 kB");
            assertThat(ms).as(path).isLessThan(3000);
        }
    }

    @Test
    void aNon2xxAnswerIsAFailureNamingTheStatus() {
        FetchResult r = send(new WebhookRequest(PROJECT, base + "/status/503", "POST", form(), null));
        assertThat(r.ok()).isFalse();
        assertThat(r.httpStatus()).isEqualTo(503);
        assertThat(r.body()).isNull();
        assertThat(r.error()).isEqualTo("HTTP 503 from " + base + "/status/503");
    }

    @Test
    void aServerThatNeverAnswersEndsWithinTheFragmentsTotalLimit() {
        long t0 = System.nanoTime();
        FetchResult r = send(new WebhookRequest(PROJECT, base + "/never#tt=800", "POST", form(), null));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(r.ok()).isFalse();
        assertThat(r.httpStatus()).isZero();
        assertThat(r.error()).isEqualTo("no complete answer within 800 ms");
        assertThat(ms).isBetween(700L, 2000L);
    }

    @Test
    void theReadLimitEndsAWaitForTheResponse() {
        FetchResult r = send(new WebhookRequest(PROJECT, base + "/never#ot=200&rt=300", "GET", Map.of(), null));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).startsWith("no response from 127.0.0.1:");
    }

    @Test
    void threeRedirectsAreFollowedAndAFourthIsRefused() {
        FetchResult three = send(new WebhookRequest(PROJECT, base + "/hop/3", "POST", form(), null));
        assertThat(three.ok()).as(three.error()).isTrue();
        assertThat(three.finalUrl()).isEqualTo(base + "/hop/0");
        assertThat(seen).hasSize(4).allMatch(Seen::signatureValid);
        // a 302 after a POST continues as a GET, like browsers and Twilio do
        assertThat(seen.get(3).method()).isEqualTo("GET");

        seen.clear();
        FetchResult four = send(new WebhookRequest(PROJECT, base + "/hop/4", "POST", form(), null));
        assertThat(four.ok()).isFalse();
        assertThat(four.httpStatus()).isEqualTo(302);
        assertThat(four.error()).isEqualTo("more than 3 redirects");
        assertThat(seen).hasSize(4);
    }

    @Test
    void a307KeepsTheMethodAndTheSignedForm() {
        FetchResult r = send(new WebhookRequest(PROJECT, base + "/keep", "POST", form(), null));
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(seen.get(1).method()).isEqualTo("POST");
        assertThat(seen.get(1).uri()).isEqualTo("/doc?kept=1");
        assertThat(seen.get(1).body()).isEqualTo(seen.get(0).body());
        assertThat(seen.get(1).signatureValid()).isTrue();
    }

    @Test
    void aRedirectLoopIsRefused() {
        FetchResult r = send(new WebhookRequest(PROJECT, base + "/loop", "GET", Map.of(), null));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("redirect loop at " + base + "/loop");
    }

    @Test
    void theMetadataAddressIsRefusedWithoutConnectingAndSoIsARedirectToIt() {
        long t0 = System.nanoTime();
        FetchResult direct = send(new WebhookRequest(PROJECT, "http://169.254.169.254/latest/meta-data/", "GET",
                Map.of(), null));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
        assertThat(direct.ok()).isFalse();
        assertThat(direct.httpStatus()).isZero();
        assertThat(direct.error()).isEqualTo(
                "refused 169.254.169.254: the cloud metadata address 169.254.169.254 is not allowed");

        FetchResult redirected = send(new WebhookRequest(PROJECT, base + "/to-metadata", "GET", Map.of(), null));
        assertThat(redirected.ok()).isFalse();
        assertThat(redirected.error()).startsWith("refused 169.254.169.254:");
    }

    @Test
    void invalidUrlsMethodsAndProjectsAreClearFailures() {
        assertThat(send(new WebhookRequest(PROJECT, "not a url", "GET", Map.of(), null)).error()).startsWith("invalid URL");
        assertThat(send(new WebhookRequest(PROJECT, "ftp://example.com/x", "GET", Map.of(), null)).error())
                .isEqualTo("invalid URL: only http and https are allowed");
        assertThat(send(new WebhookRequest(PROJECT, "/relative", "GET", Map.of(), null)).error())
                .isEqualTo("invalid URL: only http and https are allowed");
        assertThat(send(new WebhookRequest(PROJECT, null, "GET", Map.of(), null)).error()).isEqualTo("invalid URL: empty");
        assertThat(send(new WebhookRequest(PROJECT, base + "/doc", "DELETE", Map.of(), null)).error())
                .isEqualTo("method must be GET or POST, not DELETE");
        assertThat(send(new WebhookRequest("other", base + "/doc", "GET", Map.of(), null)).error())
                .isEqualTo("unknown project other");
        assertThat(seen).isEmpty();
    }

    @Test
    void aRefusedConnectionIsAFailure() throws IOException {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        FetchResult r = send(new WebhookRequest(PROJECT, "http://127.0.0.1:" + port + "/x", "POST", form(), null));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("cannot connect to 127.0.0.1:" + port + " (connection refused)");
    }

    private FetchResult send(WebhookRequest r) {
        return client.send(r).orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static Map<String, String> form() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("CallSid", "CA1");
        f.put("From", "+15551230000");
        f.put("To", "sip:bob@example.com");
        f.put("CallerName", "A & B");
        return f;
    }

    private void record(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        String url = base + ex.getRequestURI();
        String expected;
        if ("application/json".equals(contentType)) {
            expected = HexFormat.of().formatHex(hmac(url + body));
        } else {
            StringBuilder data = new StringBuilder(url);
            new TreeMap<>(parseForm(body)).forEach((k, v) -> data.append(k).append(v));
            expected = Base64.getEncoder().encodeToString(hmac(data.toString()));
        }
        String got = ex.getRequestHeaders().getFirst("X-SignalWire-Signature");
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), contentType, body,
                ex.getRequestHeaders().getFirst("User-Agent"), expected.equals(got)));
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                m.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange ex, int status, String location) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

}
