package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.HttpResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of bad request gets the contract's error body, loses nothing, and leaves the server up. */
class BadInputTest extends ApiContractBase {

    @Test
    void malformedJsonIsA400NamingWhere() {
        var r = api.send("POST", ENDPOINTS, "application/json", "{\"username\": \"a\",\n \"password\": }");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCodes()).containsExactly("invalid_json");
        assertThat(r.json().get("errors").get(0).get("type").asText()).isEqualTo("invalid_request");
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("line 2");
        assertThat(r.json().get("errors").get(0).has("attribute")).isTrue();
        assertThat(r.json().get("errors").get(0).get("url").asText()).startsWith("http");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBodyThatIsNotAnObjectIsA400() {
        for (String body : List.of("[]", "[{\"username\":\"a\"}]", "\"username\"", "42", "null", "true", "",
                "{\"a\":1} {\"b\":2}", "{\"username\":\"a\",\"username\":\"b\"}")) {
            var r = api.send("POST", ENDPOINTS, "application/json", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.errorCodes()).as(body).containsExactly("invalid_json");
        }
        assertThat(api.get(ENDPOINTS).json().get("data")).isEmpty();
    }

    @Test
    void wrongTypesAreNamedPerField() {
        var r = api.post(ENDPOINTS, Map.of("username", 42, "password", "Valid-Password-1", "codecs", List.of("PCMU", 7),
                "caller_id", List.of("x"), "encryption", true));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorAttributes()).containsExactlyInAnyOrder("username", "codecs", "caller_id", "encryption");
        assertThat(r.errorCodes()).containsOnly("invalid_parameter");
    }

    @Test
    void unknownFieldsAndEnumValuesAreRefusedAllAtOnce() {
        var r = api.post(ENDPOINTS, endpoint("typo", "calller_id", "Bob", "encryption", "sometimes",
                "call_handler", "teleport", "ciphers", List.of("ROT13")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorAttributes()).containsExactlyInAnyOrder("calller_id", "encryption", "call_handler", "ciphers");
        assertThat(r.errorCodes()).contains("unknown_parameter", "invalid_parameter_value");
        assertThat(api.get(ENDPOINTS).json().get("data")).isEmpty();
    }

    @Test
    void urlsMustBeAbsoluteHttp() {
        for (String url : List.of("/relative", "ftp://files.example.com/x", "javascript:alert(1)", "http://",
                "https://exa mple.com/")) {
            var r = api.post(ENDPOINTS, endpoint("u" + Math.abs(url.hashCode()), "call_handler", "laml_webhooks",
                    "call_request_url", url));
            assertThat(r.status()).as(url).isEqualTo(422);
            assertThat(r.errorAttributes()).as(url).containsExactly("call_request_url");
        }
        var method = api.post(ENDPOINTS, endpoint("m", "call_handler", "laml_webhooks",
                "call_request_url", "https://a.example.com", "call_request_method", "DELETE"));
        assertThat(method.errorAttributes()).containsExactly("call_request_method");
    }

    @Test
    void badUsernamesAreRefused() {
        for (String name : List.of("with space", "a@b", "tab\there", "nul\u0000", "x".repeat(65), "emoji\uD83D\uDE00",
                "", "caf\u00e9")) {
            var r = api.post(ENDPOINTS, Map.of("username", name, "password", "Quite-Long-Pass-9"));
            assertThat(r.status()).as(name).isEqualTo(422);
            assertThat(r.errorAttributes()).as(name).contains("username");
        }
        assertThat(api.post(ENDPOINTS, Map.of("username", "x".repeat(64), "password", "Quite-Long-Pass-9")).status())
                .isEqualTo(201);
        assertThat(api.post(ENDPOINTS, Map.of("username", "a.b-c_d!~*'()&=+$,;?/%41", "password",
                "Quite-Long-Pass-9")).status()).isEqualTo(201);
    }

    @Test
    void weakPasswordsAreRefused() {
        Map<String, String> cases = Map.of(
                "short", "Sh0rt-pw",
                "equal", "obiwankenobi",
                "contains", "xxOBIWANKENOBIxx1",
                "common", "password123",
                "repetitive", "aaaaaaaaaaaa");
        for (var c : cases.entrySet()) {
            var r = api.post(ENDPOINTS, Map.of("username", "obiwankenobi", "password", c.getValue()));
            assertThat(r.status()).as(c.getKey()).isEqualTo(422);
            assertThat(r.errorAttributes()).as(c.getKey()).containsExactly("password");
        }
        String id = createEndpoint("obiwankenobi");
        var update = api.put(ENDPOINTS + "/" + id, Map.of("password", "kenobi"));
        assertThat(update.errorAttributes()).containsExactly("password");
    }

    @Test
    void aTenMegabyteBodyIsA413AnsweredBeforeTheBodyIsRead() throws IOException {
        // Only the headers are sent: the server must answer from Content-Length alone, reading no further.
        for (String expect : List.of("", "Expect: 100-continue\r\n")) {
            try (Socket s = rawRequest("POST", ENDPOINTS, "Content-Length: " + (10 * 1024 * 1024) + "\r\n" + expect)) {
                String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(head).as(expect).isEqualTo("HTTP/1.1 413");
            }
        }
        assertThat(api.get(ENDPOINTS).json().get("data")).isEmpty();
        assertThat(api.get("/api/healthz").status()).isEqualTo(200);
    }

    @Test
    void aBodyJustOverTheLimitIsA413AndNothingIsStored() {
        String padding = "x".repeat(1024 * 1024);
        var r = api.send("POST", ENDPOINTS, "application/json",
                "{\"username\":\"big\",\"password\":\"Quite-Long-Pass-9\",\"caller_id\":\"" + padding + "\"}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("error").asText()).startsWith("Payload Too Large");
        assertThat(api.get(ENDPOINTS).json().get("data")).isEmpty();
    }

    private Socket rawRequest(String method, String path, String extraHeaders) throws IOException {
        int port = Integer.parseInt(server.baseUrl().replaceAll(".*:", ""));
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        String auth = java.util.Base64.getEncoder().encodeToString(String.join(":", api.credentials()).getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nAuthorization: Basic " + auth + "\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    @Test
    void aLargeChunkedBodyIsA413Too() throws IOException {
        try (Socket s = rawRequest("POST", ENDPOINTS, "Transfer-Encoding: chunked\r\n")) {
            OutputStream out = s.getOutputStream();
            byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 40; i++) {
                    out.write(chunk);
                }
            } catch (IOException closedEarly) {
                // the server may stop reading and close: that is the point
            }
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
        assertThat(api.get(ENDPOINTS).json().get("data")).isEmpty();
    }

    @Test
    void aMissingOrWrongContentTypeIsA415() {
        String body = ApiClientJson.of(endpoint("ct"));
        for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
            var r = api.send("POST", ENDPOINTS, type, body);
            assertThat(r.status()).as(String.valueOf(type)).isEqualTo(415);
            assertThat(r.json().get("error").asText()).startsWith("Unsupported Media Type");
        }
        assertThat(api.send("POST", ENDPOINTS, "application/json; charset=utf-8", body).status()).isEqualTo(201);
    }

    @Test
    void aNonUuidIdInAPathIsA404() {
        for (String id : List.of("abc", "1", "6F1C2A1E-0C4B-4C8E-9D5A-1B2C3D4E5F60", "..%2F..%2Fetc",
                "6f1c2a1e-0c4b-4c8e-9d5a-1b2c3d4e5f6")) {
            HttpResult r = api.get(ENDPOINTS + "/" + id);
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(api.put(ENDPOINTS + "/" + id, Map.of("caller_id", "x")).status()).as(id).isEqualTo(404);
            assertThat(api.delete(LEGACY + "/" + id).status()).as(id).isEqualTo(404);
        }
    }

    @Test
    void pageParametersAreValidated() {
        for (String q : List.of("page_size=0", "page_size=1001", "page_size=abc", "page_size=-1", "page_number=x")) {
            var r = api.get(ENDPOINTS + "?" + q);
            assertThat(r.status()).as(q).isEqualTo(422);
            assertThat(r.errorCodes()).as(q).containsExactly("invalid_parameter_value");
        }
        for (String token : List.of("forged", "PAAAAA.BBBB", "PA" + "x".repeat(300))) {
            var r = api.get(ENDPOINTS + "?page_token=" + token);
            assertThat(r.status()).as(token).isEqualTo(422);
            assertThat(r.errorCodes()).containsExactly("page_token_is_invalid");
        }
        assertThat(api.get(ENDPOINTS + "?page_size=1000").status()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheContractFormat() {
        var notFound = api.get("/api/nowhere");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("{\"error\":\"Not Found\"}");
        var notAllowed = api.send("PATCH", LEGACY + "/6f1c2a1e-0c4b-4c8e-9d5a-1b2c3d4e5f60", "application/json", "{}");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.body()).isEqualTo("{\"error\":\"Method Not Allowed\"}");
    }

    /** JSON text of a body, for raw sends. */
    static final class ApiClientJson {
        static String of(Object o) {
            return dev.sipyard.testing.ApiClient.json(o);
        }
    }
}
