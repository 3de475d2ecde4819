package dev.sipyard.api;

import static dev.sipyard.api.ResourceSamples.COLLECTIONS;
import static dev.sipyard.api.ResourceSamples.body;
import static dev.sipyard.api.ResourceSamples.create;
import static dev.sipyard.api.ResourceSamples.typeOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.HttpResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The four resource collections over real HTTP: create, list, get, PUT/PATCH, delete, and bad input. */
class ResourceCrudTest extends ApiContractBase {
    private static final String BASE = "/api/fabric/resources/";
    @ParameterizedTest
    @ValueSource(strings = {"cxml_webhooks", "swml_webhooks", "cxml_applications", "sip_gateways"})
    void createGetUpdateDeleteRoundTrip(String collection) {
        HttpResult created = api.post(BASE + collection, body(collection));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode env = created.json();
        String id = env.get("id").asText();
        String type = typeOf(collection);
        assertThat(env.get("type").asText()).isEqualTo(type);
        assertThat(env.get("project_id").asText()).isNotBlank();
        assertThat(env.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(env.get(type).get("id").asText()).isEqualTo(id);

        HttpResult got = api.get(BASE + collection + "/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json()).isEqualTo(env);

        String nameField = collection.equals("cxml_applications") ? "friendly_name" : "name";
        HttpResult patched = api.patch(BASE + collection + "/" + id, Map.of(nameField, "Renamed"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("display_name").asText()).isEqualTo("Renamed");
        assertThat(patched.json().get(type).get(nameField).asText()).isEqualTo("Renamed");
        // the other fields are kept: PATCH and PUT are partial
        HttpResult put = api.put(BASE + collection + "/" + id, Map.of(nameField, "Renamed again"));
        assertThat(put.status()).isEqualTo(200);
        JsonNode before = env.get(type);
        JsonNode after = put.json().get(type);
        before.fieldNames().forEachRemaining(f -> {
            if (!f.equals(nameField)) {
                assertThat(after.get(f)).as(f).isEqualTo(before.get(f));
            }
        });

        assertThat(api.get(BASE + collection).json().get("data")).hasSize(1);
        assertThat(api.delete(BASE + collection + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(BASE + collection + "/" + id).status()).isEqualTo(404);
        assertThat(api.delete(BASE + collection + "/" + id).status()).isEqualTo(404);
        assertThat(api.get(BASE + collection).json().get("data")).isEmpty();
    }

    @Test
    void webhookRepresentationHasEveryFieldWithDefaults() {
        HttpResult r = api.post(BASE + "cxml_webhooks", Map.of("primary_request_url", "https://a.example.com/x"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode w = r.json().get("cxml_webhook");
        assertThat(w.get("name").asText()).isEqualTo("https://a.example.com/x");
        assertThat(w.get("used_for").asText()).isEqualTo("calling");
        assertThat(w.get("primary_request_method").asText()).isEqualTo("POST");
        assertThat(w.get("fallback_request_url").isNull()).isTrue();
        assertThat(w.get("fallback_request_method").asText()).isEqualTo("POST");
        assertThat(w.get("status_callback_url").isNull()).isTrue();
        assertThat(w.get("status_callback_method").asText()).isEqualTo("POST");

        String id = r.json().get("id").asText();
        JsonNode changed = api.patch(BASE + "cxml_webhooks/" + id, Map.of("primary_request_method", "get",
                "fallback_request_url", "http://b.example.com/fallback", "used_for", "messaging")).json();
        assertThat(changed.get("cxml_webhook").get("primary_request_method").asText()).isEqualTo("GET");
        assertThat(changed.get("cxml_webhook").get("used_for").asText()).isEqualTo("messaging");
        Map<String, Object> clear = new HashMap<>();
        clear.put("fallback_request_url", null);
        clear.put("primary_request_method", null);
        JsonNode cleared = api.patch(BASE + "cxml_webhooks/" + id, clear).json().get("cxml_webhook");
        assertThat(cleared.get("fallback_request_url").isNull()).isTrue();
        assertThat(cleared.get("primary_request_method").asText()).isEqualTo("POST");
    }

    @Test
    void cxmlApplicationStoresVoiceAndSmsFieldsLikeSignalWire() {
        Map<String, Object> b = new HashMap<>();
        b.put("friendly_name", "Reception");
        b.put("voice_url", "https://app.example.com/voice");
        b.put("voice_method", "get");
        b.put("status_callback", "https://app.example.com/status");
        b.put("sms_url", "https://app.example.com/sms");
        b.put("sms_fallback_url", "https://app.example.com/sms-fallback");
        b.put("sms_status_callback", "https://app.example.com/sms-status");
        b.put("sms_status_callback_method", "GET");
        HttpResult r = api.post(BASE + "cxml_applications", b);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode app = r.json().get("cxml_application");
        assertThat(app.get("project_id").asText()).isEqualTo(r.json().get("project_id").asText());
        assertThat(app.get("voice_method").asText()).isEqualTo("GET");
        assertThat(app.get("voice_fallback_url").isNull()).isTrue();
        assertThat(app.get("voice_fallback_method").asText()).isEqualTo("POST");
        assertThat(app.get("sms_url").asText()).isEqualTo("https://app.example.com/sms");
        assertThat(app.get("sms_method").asText()).isEqualTo("POST");
        assertThat(app.get("sms_status_callback_method").asText()).isEqualTo("GET");
        List<String> fields = new ArrayList<>();
        app.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "project_id", "friendly_name", "voice_url", "voice_method",
                "voice_fallback_url", "voice_fallback_method", "status_callback", "status_callback_method",
                "sms_url", "sms_method", "sms_fallback_url", "sms_fallback_method", "sms_status_callback",
                "sms_status_callback_method");

        String id = r.json().get("id").asText();
        // SignalWire's update request names it display_name and carries the project id as account_sid
        HttpResult renamed = api.put(BASE + "cxml_applications/" + id,
                Map.of("display_name", "Front office", "account_sid", r.json().get("project_id").asText()));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("display_name").asText()).isEqualTo("Front office");
        HttpResult foreign = api.put(BASE + "cxml_applications/" + id,
                Map.of("account_sid", "00000000-0000-7000-8000-000000000000"));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.errorAttributes()).containsExactly("account_sid");
    }

    @Test
    void sipGatewayUsesProfileMediaDefaultsUntilItSetsItsOwn() {
        HttpResult r = api.post(BASE + "sip_gateways", Map.of("name", "Carrier", "uri", "trunk@carrier.example.com"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode gw = r.json().get("sip_gateway");
        JsonNode profile = api.get("/api/relay/rest/sip_profile").json();
        assertThat(gw.get("codecs")).isEqualTo(profile.get("default_codecs"));
        assertThat(gw.get("ciphers")).isEqualTo(profile.get("default_ciphers"));
        assertThat(gw.get("encryption").asText()).isEqualTo("default");

        String id = r.json().get("id").asText();
        JsonNode own = api.patch(BASE + "sip_gateways/" + id, Map.of("codecs", "pcmu,PCMA", "ciphers",
                List.of("AEAD_AES_256_GCM_8"), "encryption", "REQUIRED")).json().get("sip_gateway");
        assertThat(own.get("codecs").toString()).isEqualTo("[\"PCMU\",\"PCMA\"]");
        assertThat(own.get("ciphers").toString()).isEqualTo("[\"AEAD_AES_256_GCM_8\"]");
        assertThat(own.get("encryption").asText()).isEqualTo("required");
        JsonNode back = api.patch(BASE + "sip_gateways/" + id, Map.of("codecs", List.of())).json().get("sip_gateway");
        assertThat(back.get("codecs")).isEqualTo(profile.get("default_codecs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:trunk@carrier.example.com", "sips:carrier.example.com:5061",
            "SIP:+15551234567@10.0.0.7:5060;transport=tcp", "trunk@carrier.example.com:5080",
            "sip:[2001:db8::1]:5060", "user@192.0.2.10"})
    void sipGatewayAcceptsSipUris(String uri) {
        HttpResult r = api.post(BASE + "sip_gateways", Map.of("name", "gw", "uri", uri));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("sip_gateway").get("uri").asText()).isEqualTo(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"carrier.example.com", "http://carrier.example.com", "sip:", "sip:user@", "@host",
            "user@host:0", "user@host:70000", "user@999.1.1.1", "sip:user:secret@host", "user@ho st",
            "sip:a@b.example.com?Subject=x", "tel:+15551234567", "user@-bad-.example.com", ""})
    void sipGatewayRefusesWhatIsNotASipAddress(String uri) {
        HttpResult r = api.post(BASE + "sip_gateways", Map.of("name", "gw", "uri", uri));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.errorCodes()).containsExactly("invalid_parameter_value");
        assertThat(r.errorAttributes()).containsExactly("uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cxml_webhooks", "swml_webhooks", "cxml_applications", "sip_gateways"})
    void unknownFieldsAreRefusedByName(String collection) {
        Map<String, Object> b = body(collection);
        b.put("nmae", "typo");
        HttpResult r = api.post(BASE + collection, b);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorCodes()).containsExactly("unknown_parameter");
        assertThat(r.errorAttributes()).containsExactly("nmae");
        String id = create(api, collection);
        HttpResult u = api.patch(BASE + collection + "/" + id, Map.of("id", id));
        assertThat(u.status()).isEqualTo(422);
        assertThat(u.errorCodes()).containsExactly("unknown_parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cxml_webhooks", "swml_webhooks"})
    void webhookBadInputListsEveryProblem(String collection) {
        Map<String, Object> b = new HashMap<>();
        b.put("used_for", "faxing");
        b.put("primary_request_url", "/relative/path");
        b.put("primary_request_method", "PUT");
        b.put("fallback_request_url", "ftp://files.example.com/x");
        b.put("status_callback_url", "javascript:alert(1)");
        b.put("name", 42);
        HttpResult r = api.post(BASE + collection, b);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorAttributes()).containsExactlyInAnyOrder("name", "used_for", "primary_request_url",
                "primary_request_method", "fallback_request_url", "status_callback_url");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.sipyard");

        HttpResult missing = api.post(BASE + collection, Map.of("name", "no url"));
        assertThat(missing.errorCodes()).containsExactly("missing_required_parameter");
        assertThat(missing.errorAttributes()).containsExactly("primary_request_url");

        String id = create(api, collection);
        Map<String, Object> nullUrl = new HashMap<>();
        nullUrl.put("primary_request_url", null);
        HttpResult cleared = api.patch(BASE + collection + "/" + id, nullUrl);
        assertThat(cleared.status()).isEqualTo(422);
        assertThat(cleared.errorAttributes()).containsExactly("primary_request_url");
    }

    @Test
    void cxmlApplicationAndGatewayBadInput() {
        HttpResult app = api.post(BASE + "cxml_applications", Map.of("voice_url", "ftp://x.example.com",
                "sms_method", "DELETE", "status_callback", "javascript:alert(1)"));
        assertThat(app.status()).isEqualTo(422);
        assertThat(app.errorAttributes()).containsExactlyInAnyOrder("friendly_name", "voice_url", "sms_method",
                "status_callback");
        HttpResult gw = api.post(BASE + "sip_gateways", Map.of("codecs", List.of("PCMU", "MP3"),
                "ciphers", "AES_CM_128_HMAC_SHA1_80,AES_CM_128_HMAC_SHA1_80", "encryption", "always"));
        assertThat(gw.status()).isEqualTo(422);
        assertThat(gw.errorAttributes()).containsExactlyInAnyOrder("name", "uri", "codecs", "ciphers", "encryption");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cxml_webhooks", "swml_webhooks", "cxml_applications", "sip_gateways"})
    void malformedOversizedAndForeignRequests(String collection) {
        String huge = "{\"name\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        HttpResult big = api.send("POST", BASE + collection, "application/json", huge);
        assertThat(big.status()).isEqualTo(413);
        assertThat(api.send("POST", BASE + collection, "application/json", "{\"name\":").status()).isEqualTo(400);
        assertThat(api.send("POST", BASE + collection, "application/json", "[1]").status()).isEqualTo(400);
        assertThat(api.send("POST", BASE + collection, "text/plain", "name=x").status()).isEqualTo(415);

        String id = create(api, collection);
        for (String forged : List.of("not-an-id", "00000000-0000-7000-8000-000000000000", id.toUpperCase(),
                "..%2F..%2Fetc%2Fpasswd")) {
            assertThat(api.get(BASE + collection + "/" + forged).status()).as(forged).isEqualTo(404);
            assertThat(api.patch(BASE + collection + "/" + forged, Map.of()).status()).as(forged).isEqualTo(404);
            assertThat(api.delete(BASE + collection + "/" + forged).status()).as(forged).isEqualTo(404);
        }
        ApiClient other = server.newProject("other");
        assertThat(other.get(BASE + collection + "/" + id).status()).isEqualTo(404);
        assertThat(other.put(BASE + collection + "/" + id, Map.of()).status()).isEqualTo(404);
        assertThat(other.delete(BASE + collection + "/" + id).status()).isEqualTo(404);
        assertThat(other.get(BASE + collection).json().get("data")).isEmpty();
        assertThat(api.get(BASE + collection + "/" + id).status()).isEqualTo(200);
        // a resource of another type is not found under this collection
        String otherCollection = COLLECTIONS.get((COLLECTIONS.indexOf(collection) + 1) % COLLECTIONS.size());
        assertThat(api.get(BASE + otherCollection + "/" + id).status()).isEqualTo(404);
        assertThat(api.delete(BASE + otherCollection + "/" + id).status()).isEqualTo(404);
        assertThat(server.anonymous().get(BASE + collection).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cxml_webhooks", "swml_webhooks", "cxml_applications", "sip_gateways"})
    void addressesOfAResourceIsAnEmptyListAndA404ForAnUnknownOne(String collection) {
        String id = create(api, collection);
        HttpResult r = api.get(BASE + collection + "/" + id + "/addresses");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("data")).isEmpty();
        assertThat(r.json().get("links").get("self").asText()).startsWith("http");
        assertThat(api.get(BASE + collection + "/00000000-0000-7000-8000-000000000000/addresses").status())
                .isEqualTo(404);
    }

    @Test
    void listsPageByIdWithoutDuplicatesOrGaps() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(api, "swml_webhooks"));
        }
        List<String> seen = new ArrayList<>();
        String url = BASE + "swml_webhooks?page_size=2";
        int pages = 0;
        while (url != null) {
            JsonNode page = api.get(url).json();
            page.get("data").forEach(d -> seen.add(d.get("id").asText()));
            url = page.get("links").has("next") ? page.get("links").get("next").asText() : null;
            if (pages++ == 0) {
                // a row created between two pages shows up at the end, once
                created.add(create(api, "swml_webhooks"));
            }
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(seen).isSorted();
        HttpResult bad = api.get(BASE + "swml_webhooks?page_token=PAforged.abc");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errorCodes()).containsExactly("page_token_is_invalid");
    }
}
