package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.endpoint.DigestHa1;
import dev.sipyard.testing.HttpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SIP endpoint family of API.md, on both paths. */
class EndpointApiTest extends ApiContractBase {

    static final List<String> REPRESENTATION = List.of("type", "id", "username", "caller_id", "send_as", "ciphers",
            "codecs", "encryption", "call_handler", "calling_handler_resource_id", "call_request_url",
            "call_request_method", "call_fallback_url", "call_fallback_method", "call_status_callback_url",
            "call_status_callback_method", "call_laml_application_id", "call_dialogflow_agent_id", "call_relay_topic",
            "call_relay_topic_status_callback_url", "call_relay_context", "call_relay_context_status_callback_url",
            "call_relay_application", "call_video_room_id", "call_relay_script_url");

    @Test
    void createReturnsTheFullRepresentationWithoutAnySecret() {
        var r = api.post(ENDPOINTS, endpoint("c3p0", "caller_id", "C-3P0", "codecs", List.of("OPUS", "PCMU"),
                "ciphers", "AEAD_AES_256_GCM_8,AES_256_CM_HMAC_SHA1_80", "call_handler", "laml_webhooks",
                "call_request_url", "https://app.example.com/voice"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode e = r.json();
        for (String field : REPRESENTATION) {
            assertThat(e.has(field)).as(field).isTrue();
        }
        assertThat(e.get("type").asText()).isEqualTo("sip_endpoint");
        assertThat(e.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(e.get("username").asText()).isEqualTo("c3p0");
        assertThat(e.get("caller_id").asText()).isEqualTo("C-3P0");
        assertThat(e.get("send_as").asText()).isEqualTo("random");
        assertThat(e.get("codecs").toString()).isEqualTo("[\"OPUS\",\"PCMU\"]");
        assertThat(e.get("ciphers").toString()).isEqualTo("[\"AEAD_AES_256_GCM_8\",\"AES_256_CM_HMAC_SHA1_80\"]");
        assertThat(e.get("encryption").asText()).isEqualTo("default");
        assertThat(e.get("call_request_method").asText()).isEqualTo("POST");
        assertThat(e.get("call_fallback_url").isNull()).isTrue();
        assertThat(e.has("password")).isFalse();
        assertThat(r.body()).doesNotContain("\"ha1").doesNotContain("Str0ng-Pass");

        var got = api.get(ENDPOINTS + "/" + e.get("id").asText());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json()).isEqualTo(e);
        var legacy = api.get(LEGACY + "/" + e.get("id").asText());
        assertThat(legacy.json()).isEqualTo(e);
    }

    @Test
    void anOmittedPasswordIsGeneratedAndShownOnlyInTheCreateResponse() {
        var r = api.post(ENDPOINTS, map("username", "r2d2"));
        assertThat(r.status()).isEqualTo(201);
        String password = r.json().get("password").asText();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        var got = api.get(ENDPOINTS + "/" + r.json().get("id").asText());
        assertThat(got.json().has("password")).isFalse();
        assertThat(api.get(ENDPOINTS).body()).doesNotContain(password);
    }

    @Test
    void passwordsAreStoredOnlyAsDigestHa1Values() {
        String password = "Tatooine-Sunset-77";
        String id = api.post(ENDPOINTS, map("username", "luke", "password", password)).json().get("id").asText();
        String realm = api.get(PROFILE).json().get("realm").asText();
        Map<String, Object> row = server.server().database().jdbi().withHandle(h ->
                h.createQuery("SELECT * FROM sip_endpoints WHERE id = :id").bind("id", id).mapToMap().one());
        for (Object value : row.values()) {
            assertThat(String.valueOf(value)).doesNotContain(password);
        }
        DigestHa1 expected = DigestHa1.of("luke", realm, password);
        assertThat(row.get("ha1_md5")).isEqualTo(expected.md5());
        assertThat(row.get("ha1_sha256")).isEqualTo(expected.sha256());
        assertThat(row.get("ha1_sha512_256")).isEqualTo(expected.sha512256());
        // MD5("luke:<realm>:Tatooine-Sunset-77"), computed independently of our helper.
        assertThat(expected.md5()).isEqualTo(md5Hex("luke:" + realm + ":" + password));
    }

    @Test
    void bothPathsServeTheSameStore() {
        String id = api.post(LEGACY, endpoint("leia")).json().get("id").asText();
        assertThat(api.get(ENDPOINTS + "/" + id).status()).isEqualTo(200);
        var put = api.put(ENDPOINTS + "/" + id, map("caller_id", "Princess"));
        assertThat(put.json().get("caller_id").asText()).isEqualTo("Princess");
        assertThat(api.get(LEGACY + "/" + id).json().get("caller_id").asText()).isEqualTo("Princess");
        assertThat(api.delete(LEGACY + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(ENDPOINTS + "/" + id).status()).isEqualTo(404);
        assertThat(api.delete(ENDPOINTS + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void deleteAnswers204WithNoBody() {
        String id = createEndpoint("han");
        var r = api.delete(ENDPOINTS + "/" + id);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void putAndPatchArePartial() {
        String id = createEndpoint("chewie", "caller_id", "Wookiee", "codecs", List.of("PCMA"));
        var patch = api.patch(ENDPOINTS + "/" + id, map("encryption", "required"));
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.json().get("caller_id").asText()).isEqualTo("Wookiee");
        assertThat(patch.json().get("codecs").toString()).isEqualTo("[\"PCMA\"]");
        assertThat(patch.json().get("encryption").asText()).isEqualTo("required");
        var put = api.put(LEGACY + "/" + id, map("caller_id", null));
        assertThat(put.json().get("caller_id").isNull()).isTrue();
        assertThat(put.json().get("encryption").asText()).isEqualTo("required");
    }

    @Test
    void emptyCodecsMeanTheProfileDefaults() {
        String id = createEndpoint("lando", "codecs", List.of("G729"));
        var r = api.patch(ENDPOINTS + "/" + id, map("codecs", List.of()));
        JsonNode profileCodecs = api.get(PROFILE).json().get("default_codecs");
        assertThat(r.json().get("codecs")).isEqualTo(profileCodecs);
        api.put(PROFILE, map("default_codecs", List.of("PCMU")));
        assertThat(api.get(ENDPOINTS + "/" + id).json().get("codecs").toString()).isEqualTo("[\"PCMU\"]");
    }

    @Test
    void changingTheUsernameRequiresThePassword() {
        String id = createEndpoint("wedge");
        var without = api.put(ENDPOINTS + "/" + id, map("username", "antilles"));
        assertThat(without.status()).isEqualTo(422);
        assertThat(without.errorCodes()).containsExactly("missing_required_parameter");
        assertThat(without.errorAttributes()).containsExactly("password");
        var with = api.put(ENDPOINTS + "/" + id, map("username", "antilles", "password", "Rogue-Leader-2"));
        assertThat(with.status()).isEqualTo(200);
        assertThat(with.json().get("username").asText()).isEqualTo("antilles");
        // The same username again, in another case, is not a change and needs no password.
        assertThat(api.put(ENDPOINTS + "/" + id, map("username", "antilles")).status()).isEqualTo(200);
    }

    @Test
    void usernamesAreUniqueWithinAProjectIgnoringCase() {
        createEndpoint("Biggs");
        var dup = api.post(ENDPOINTS, endpoint("biggs"));
        assertThat(dup.status()).isEqualTo(422);
        assertThat(dup.errorCodes()).containsExactly("not_unique_within_project");
        assertThat(dup.errorAttributes()).containsExactly("username");
        // Another project may use the same username.
        var other = server.newProject("other");
        assertThat(other.post(ENDPOINTS, endpoint("biggs")).status()).isEqualTo(201);
        // Renaming onto an existing username is refused too.
        String id = createEndpoint("porkins");
        var rename = api.put(ENDPOINTS + "/" + id, map("username", "BIGGS", "password", "Red-Six-Pilot-6"));
        assertThat(rename.errorCodes()).containsExactly("not_unique_within_project");
    }

    @Test
    void handlerFieldsFollowTheHandler() {
        var missing = api.post(ENDPOINTS, endpoint("yoda", "call_handler", "laml_webhooks"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.errorCodes()).containsExactly("missing_required_parameter");
        assertThat(missing.errorAttributes()).containsExactly("call_request_url");

        var unused = api.post(ENDPOINTS, endpoint("yoda", "call_handler", "passthrough",
                "call_request_url", "https://x.example.com/"));
        assertThat(unused.errorCodes()).containsExactly("invalid_parameter");
        assertThat(unused.errorAttributes()).containsExactly("call_request_url");

        var ok = api.post(ENDPOINTS, endpoint("yoda", "call_handler", "laml_webhooks",
                "call_request_url", "https://app.example.com/in", "call_request_method", "get",
                "call_fallback_url", "http://backup.example.com/in", "call_status_callback_url",
                "https://app.example.com/status", "call_status_callback_method", "Get"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("call_request_method").asText()).isEqualTo("GET");
        assertThat(ok.json().get("call_status_callback_method").asText()).isEqualTo("GET");
        String id = ok.json().get("id").asText();

        var switched = api.patch(ENDPOINTS + "/" + id, map("call_handler", "relay_script",
                "call_relay_script_url", "https://scripts.example.com/a.yaml"));
        assertThat(switched.status()).isEqualTo(200);
        JsonNode e = switched.json();
        assertThat(e.get("call_handler").asText()).isEqualTo("relay_script");
        assertThat(e.get("call_relay_script_url").asText()).isEqualTo("https://scripts.example.com/a.yaml");
        for (String f : List.of("call_request_url", "call_request_method", "call_fallback_url",
                "call_fallback_method", "call_status_callback_url", "call_status_callback_method")) {
            assertThat(e.get(f).isNull()).as(f).isTrue();
        }
        var back = api.patch(ENDPOINTS + "/" + id, map("call_handler", "block-pstn"));
        assertThat(back.json().get("call_relay_script_url").isNull()).isTrue();
        assertThat(back.json().get("call_handler").asText()).isEqualTo("block-pstn");
    }

    @Test
    void everyHandlerValueIsAcceptedWithItsRequiredFields() {
        String uuid = "6f1c2a1e-0c4b-4c8e-9d5a-1b2c3d4e5f60";
        Map<String, Map<String, Object>> cases = Map.ofEntries(
                Map.entry("default", map()),
                Map.entry("passthrough", map()),
                Map.entry("block-pstn", map()),
                Map.entry("relay_context", map("call_relay_context", "office")),
                Map.entry("relay_topic", map("call_relay_topic", "office",
                        "call_relay_topic_status_callback_url", "https://a.example.com/cb")),
                Map.entry("relay_application", map("call_relay_application", "my-app")),
                Map.entry("relay_connector", map()),
                Map.entry("dialogflow", map("call_dialogflow_agent_id", "agent-7")),
                Map.entry("video_room", map("call_video_room_id", uuid)),
                Map.entry("call_flow", map("call_flow_id", uuid, "call_flow_version", "working_copy")),
                Map.entry("ai_agent", map("call_ai_agent_id", uuid)),
                Map.entry("relay_script", map("call_relay_script_url", "https://a.example.com/s")));
        int n = 0;
        for (var c : cases.entrySet()) {
            Map<String, Object> body = endpoint("h" + (n++), "call_handler", c.getKey());
            body.putAll(c.getValue());
            var r = api.post(ENDPOINTS, body);
            assertThat(r.status()).as(c.getKey() + ": " + r.body()).isEqualTo(201);
            assertThat(r.json().get("call_handler").asText()).isEqualTo(c.getKey());
        }
        var badUuid = api.post(ENDPOINTS, endpoint("vr", "call_handler", "video_room", "call_video_room_id", "room-1"));
        assertThat(badUuid.errorCodes()).containsExactly("invalid_parameter_value");
    }

    @Test
    void resourceHandlersNeedAResourceOfTheProject() {
        var noId = api.post(ENDPOINTS, endpoint("obiwan", "call_handler", "resource"));
        assertThat(noId.errorCodes()).containsExactly("missing_required_parameter");
        assertThat(noId.errorAttributes()).containsExactly("calling_handler_resource_id");
        var unknown = api.post(ENDPOINTS, endpoint("obiwan", "call_handler", "resource",
                "calling_handler_resource_id", "6f1c2a1e-0c4b-4c8e-9d5a-1b2c3d4e5f60"));
        assertThat(unknown.errorCodes()).containsExactly("invalid_resource_for_handler");
        var laml = api.post(ENDPOINTS, endpoint("obiwan", "call_handler", "laml_application",
                "call_laml_application_id", "6f1c2a1e-0c4b-4c8e-9d5a-1b2c3d4e5f60"));
        assertThat(laml.errorCodes()).containsExactly("invalid_resource_for_handler");
        // Another project's endpoint is answered exactly like an unknown id.
        String foreign = server.newProject("foreign").post(ENDPOINTS, endpoint("vader")).json().get("id").asText();
        var other = api.post(ENDPOINTS, endpoint("obiwan", "call_handler", "resource",
                "calling_handler_resource_id", foreign));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.errorCodes()).containsExactly("invalid_resource_for_handler");
        assertThat(other.body()).isEqualTo(unknown.body());
    }

    @Test
    void sendAsIsRandomOrANumberTheProjectOwns() {
        var unowned = api.post(ENDPOINTS, endpoint("rex", "send_as", "+15551230001"));
        assertThat(unowned.status()).isEqualTo(422);
        assertThat(unowned.errorCodes()).containsExactly("send_as_is_invalid");
        assertThat(api.post(NUMBERS, map("number", "+15551230001")).status()).isEqualTo(201);
        var owned = api.post(ENDPOINTS, endpoint("rex", "send_as", "+15551230001"));
        assertThat(owned.status()).isEqualTo(201);
        assertThat(owned.json().get("send_as").asText()).isEqualTo("+15551230001");
        var random = api.post(ENDPOINTS, endpoint("cody", "send_as", "RANDOM"));
        assertThat(random.json().get("send_as").asText()).isEqualTo("random");
        // Omitted send_as follows the profile's default_send_as.
        String fives = createEndpoint("fives");
        assertThat(api.put(PROFILE, map("default_send_as", "+15551230001")).status()).isEqualTo(200);
        assertThat(api.get(ENDPOINTS + "/" + fives).json().get("send_as").asText()).isEqualTo("+15551230001");
        assertThat(api.get(ENDPOINTS + "/" + random.json().get("id").asText()).json().get("send_as").asText())
                .isEqualTo("random");
        // A number in use cannot be deleted from under its users.
        String numberId = api.get(NUMBERS).json().get("data").get(0).get("id").asText();
        var del = api.delete(NUMBERS + "/" + numberId);
        assertThat(del.status()).isEqualTo(422);
        assertThat(del.body()).contains("rex");
    }

    @Test
    void legacyListFiltersByUsernameAndCallerIdPartially() {
        createEndpoint("alpha-one", "caller_id", "Front Desk");
        createEndpoint("alpha-two", "caller_id", "Back Office");
        createEndpoint("beta", "caller_id", "Front Door");
        assertThat(usernames(api.get(LEGACY + "?filter_username=ALPHA"))).containsExactly("alpha-one", "alpha-two");
        assertThat(usernames(api.get(LEGACY + "?filter_caller_id=front"))).containsExactly("alpha-one", "beta");
        assertThat(usernames(api.get(LEGACY + "?filter_username=alpha&filter_caller_id=office")))
                .containsExactly("alpha-two");
        assertThat(usernames(api.get(LEGACY + "?filter_username=%25"))).isEmpty();
    }

    @Test
    void addressesNameTheSipAddressOfTheEndpoint() {
        String id = createEndpoint("piett");
        String domain = api.get(PROFILE).json().get("domain").asText();
        var r = api.get(ENDPOINTS + "/" + id + "/addresses");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("data").get(0).get("channels").get("audio").asText())
                .isEqualTo("sip:piett@" + domain);
    }

    @Test
    void anotherProjectsTokenSeesNoneOfThisProjectsEndpoints() {
        String id = createEndpoint("ackbar");
        var other = server.newProject("rival");
        assertThat(other.get(ENDPOINTS + "/" + id).status()).isEqualTo(404);
        assertThat(other.put(ENDPOINTS + "/" + id, map("caller_id", "x")).status()).isEqualTo(404);
        assertThat(other.patch(ENDPOINTS + "/" + id, map("caller_id", "x")).status()).isEqualTo(404);
        assertThat(other.delete(ENDPOINTS + "/" + id).status()).isEqualTo(404);
        assertThat(other.get(ENDPOINTS + "/" + id + "/addresses").status()).isEqualTo(404);
        assertThat(other.get(ENDPOINTS).json().get("data")).isEmpty();
        assertThat(other.get(ENDPOINTS + "/" + id).body()).isEqualTo("{\"error\":\"Not Found\"}");
        assertThat(api.get(ENDPOINTS + "/" + id).status()).isEqualTo(200);
    }

    static List<String> usernames(HttpResult r) {
        List<String> out = new ArrayList<>();
        r.json().get("data").forEach(e -> out.add(e.get("username").asText()));
        return out;
    }

    private static String md5Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return String.format("%032x", new java.math.BigInteger(1, d));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
