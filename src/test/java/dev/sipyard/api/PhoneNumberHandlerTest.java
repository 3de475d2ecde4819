package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.project.NumberCallHandler;
import dev.sipyard.project.NumberField;
import dev.sipyard.project.PhoneNumber;
import dev.sipyard.testing.HttpResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Phone numbers route calls: call_handler and SignalWire's fields, validated like an endpoint's. */
class PhoneNumberHandlerTest extends ApiContractBase {
    private static final List<String> HANDLER_FIELDS = List.of("call_handler", "call_request_url",
            "call_request_method", "call_fallback_url", "call_fallback_method", "call_status_callback_url",
            "call_status_callback_method", "call_laml_application_id", "call_relay_script_url", "call_sip_endpoint_id");

    private String addNumber(String number, Object... fields) {
        Map<String, Object> body = map(fields);
        body.put("number", number);
        HttpResult r = api.post(NUMBERS, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void aNewNumberShowsEveryHandlerFieldAsNull() {
        JsonNode n = api.get(NUMBERS + "/" + addNumber("+15557770001")).json();
        for (String f : HANDLER_FIELDS) {
            assertThat(n.has(f)).as(f).isTrue();
            assertThat(n.get(f).isNull()).as(f).isTrue();
        }
    }

    @Test
    void relaySipEndpointRingsAnEndpointOfTheProject() {
        String alice = createEndpoint("alice");
        String id = addNumber("+15557770002", "call_handler", "relay_sip_endpoint", "call_sip_endpoint_id", alice);
        JsonNode n = api.get(NUMBERS + "/" + id).json();
        assertThat(n.get("call_handler").asText()).isEqualTo("relay_sip_endpoint");
        assertThat(n.get("call_sip_endpoint_id").asText()).isEqualTo(alice);
        assertThat(n.get("call_request_url").isNull()).isTrue();

        // the call engine's lookup: the number, its project and its handler
        PhoneNumber found = server.server().domain().numbers().findByNumber("+15557770002").orElseThrow();
        assertThat(found.projectId()).isEqualTo(api.credentials()[0]);
        assertThat(found.callHandler()).isEqualTo(NumberCallHandler.RELAY_SIP_ENDPOINT);
        assertThat(found.field(NumberField.CALL_SIP_ENDPOINT_ID)).isEqualTo(alice);
    }

    @Test
    void handlerFieldsAreCheckedLikeAnEndpointsWithTheSameCodes() {
        String foreign = server.newProject("other").post(ENDPOINTS, endpoint("mallory")).json().get("id").asText();
        HttpResult r = api.post(NUMBERS, map("number", "+15557770003", "call_handler", "relay_sip_endpoint",
                "call_sip_endpoint_id", foreign));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorCodes()).containsExactly("invalid_resource_for_handler");
        // the same foreign id as an endpoint's handler resource is answered the same way
        HttpResult asEndpoint = api.post(ENDPOINTS, endpoint("bob", "call_handler", "resource",
                "calling_handler_resource_id", foreign));
        assertThat(asEndpoint.errorCodes()).containsExactly("invalid_resource_for_handler");

        HttpResult missing = api.post(NUMBERS, map("number", "+15557770003", "call_handler", "laml_webhooks"));
        assertThat(missing.errorCodes()).containsExactly("missing_required_parameter");
        assertThat(missing.errorAttributes()).containsExactly("call_request_url");

        HttpResult unused = api.post(NUMBERS, map("number", "+15557770003", "call_handler", "relay_script",
                "call_relay_script_url", "https://app.example.com/script", "call_request_url",
                "https://app.example.com/voice"));
        assertThat(unused.errorCodes()).containsExactly("invalid_parameter");
        assertThat(unused.errorAttributes()).containsExactly("call_request_url");

        HttpResult bad = api.post(NUMBERS, map("number", "+15557770003", "call_handler", "laml_webhooks",
                "call_request_url", "ftp://app.example.com/voice", "call_request_method", "PUT"));
        assertThat(bad.errorCodes()).containsExactly("invalid_parameter_value", "invalid_parameter_value");
        assertThat(bad.errorAttributes()).containsExactlyInAnyOrder("call_request_url", "call_request_method");
        String endpointMessage = api.post(ENDPOINTS, endpoint("carol", "call_handler", "laml_webhooks",
                "call_request_url", "ftp://app.example.com/voice")).json().get("errors").get(0).get("message").asText();
        assertThat(bad.json().get("errors").findValuesAsText("message")).contains(endpointMessage);

        HttpResult unknown = api.post(NUMBERS, map("number", "+15557770003", "call_handler", "fax"));
        assertThat(unknown.errorCodes()).containsExactly("invalid_parameter_value");
        assertThat(unknown.json().get("errors").get(0).get("message").asText()).contains("relay_sip_endpoint");

        String app = ResourceSamples.create(server.newProject("third"), "cxml_applications");
        HttpResult foreignApp = api.post(NUMBERS, map("number", "+15557770003", "call_handler", "laml_application",
                "call_laml_application_id", app));
        assertThat(foreignApp.errorCodes()).containsExactly("invalid_resource_for_handler");
        assertThat(api.get(NUMBERS).json().get("data")).isEmpty();
    }

    @Test
    void putAndPatchChangeParts_aNewHandlerClearsTheOldFields() {
        String id = addNumber("+15557770004", "name", "Sales", "call_handler", "laml_webhooks", "call_request_url",
                "https://app.example.com/voice", "call_status_callback_url", "https://app.example.com/status");
        JsonNode first = api.get(NUMBERS + "/" + id).json();
        assertThat(first.get("call_request_method").asText()).isEqualTo("POST");

        JsonNode patched = api.patch(NUMBERS + "/" + id, map("call_request_method", "get")).json();
        assertThat(patched.get("call_request_method").asText()).isEqualTo("GET");
        assertThat(patched.get("call_request_url").asText()).isEqualTo("https://app.example.com/voice");
        assertThat(patched.get("name").asText()).isEqualTo("Sales");

        JsonNode switched = api.put(NUMBERS + "/" + id, map("call_handler", "relay_script", "call_relay_script_url",
                "https://app.example.com/script")).json();
        assertThat(switched.get("call_handler").asText()).isEqualTo("relay_script");
        assertThat(switched.get("call_request_url").isNull()).isTrue();
        assertThat(switched.get("call_status_callback_url").isNull()).isTrue();
        assertThat(switched.get("call_request_method").isNull()).isTrue();

        Map<String, Object> none = new HashMap<>();
        none.put("call_handler", null);
        JsonNode cleared = api.patch(NUMBERS + "/" + id, none).json();
        assertThat(cleared.get("call_handler").isNull()).isTrue();
        assertThat(cleared.get("call_relay_script_url").isNull()).isTrue();
        assertThat(api.get(NUMBERS + "/" + id).json()).isEqualTo(cleared);

        // SignalWire's other handlers are kept as they are; calls to them are refused later
        JsonNode kept = api.patch(NUMBERS + "/" + id, map("call_handler", "relay_context")).json();
        assertThat(kept.get("call_handler").asText()).isEqualTo("relay_context");
        assertThat(NumberCallHandler.RELAY_CONTEXT.routesCalls()).isFalse();
    }

    @Test
    void theNumberItselfCannotChange() {
        String id = addNumber("+15557770005");
        HttpResult r = api.patch(NUMBERS + "/" + id, map("number", "+15557770006"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorAttributes()).containsExactly("number");
        // the same number is accepted unchanged
        assertThat(api.put(NUMBERS + "/" + id, map("number", "+15557770005", "name", "Desk")).status()).isEqualTo(200);
        assertThat(api.patch(NUMBERS + "/00000000-0000-7000-8000-000000000000", map("name", "x")).status())
                .isEqualTo(404);
        assertThat(server.newProject("other").patch(NUMBERS + "/" + id, map("name", "x")).status()).isEqualTo(404);
    }

    @Test
    void anEndpointOrApplicationThatANumberRoutesToCannotBeDeleted() {
        String alice = createEndpoint("alice");
        addNumber("+15557770007", "call_handler", "relay_sip_endpoint", "call_sip_endpoint_id", alice);
        HttpResult busy = api.delete(ENDPOINTS + "/" + alice);
        assertThat(busy.status()).isEqualTo(422);
        assertThat(busy.errorCodes()).containsExactly("resource_assigned_as_handler");
        assertThat(busy.json().get("errors").get(0).get("message").asText()).contains("+15557770007");

        String app = ResourceSamples.create(api, "cxml_applications");
        String appNumber = addNumber("+15557770008", "call_handler", "laml_application", "call_laml_application_id",
                app);
        HttpResult busyApp = api.delete("/api/fabric/resources/cxml_applications/" + app);
        assertThat(busyApp.errorCodes()).containsExactly("resource_assigned_as_handler");
        assertThat(busyApp.json().get("errors").get(0).get("message").asText()).contains("+15557770008");

        // once the number routes elsewhere, the application can go
        api.patch(NUMBERS + "/" + appNumber, map("call_handler", "relay_sip_endpoint", "call_sip_endpoint_id", alice));
        assertThat(api.delete("/api/fabric/resources/cxml_applications/" + app).status()).isEqualTo(204);
    }

    @Test
    void aNumberTwoProjectsHaveIsAmbiguousForTheCallEngine() {
        addNumber("+15557770009", "call_handler", "relay_script", "call_relay_script_url", "https://a.example.com/s");
        var numbers = server.server().domain().numbers();
        assertThat(numbers.findByNumber("+15557770009")).isPresent();
        server.newProject("other").post(NUMBERS, map("number", "+15557770009"));
        assertThat(numbers.findByNumber("+15557770009")).isEmpty();
        assertThat(numbers.findByNumber("+15550000000")).isEmpty();
        assertThat(numbers.findByNumber("not a number")).isEmpty();
    }

    @Test
    void aNumberNeverEndsUpRoutingToADeletedEndpoint() throws Exception {
        String number = addNumber("+15557770010");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 8; i++) {
                String target = createEndpoint("racer" + i);
                CountDownLatch go = new CountDownLatch(1);
                Future<HttpResult> assign = pool.submit(() -> {
                    go.await();
                    return api.patch(NUMBERS + "/" + number, map("call_handler", "relay_sip_endpoint",
                            "call_sip_endpoint_id", target));
                });
                Future<HttpResult> delete = pool.submit(() -> {
                    go.await();
                    return api.delete(ENDPOINTS + "/" + target);
                });
                go.countDown();
                int assigned = assign.get(20, TimeUnit.SECONDS).status();
                int deleted = delete.get(20, TimeUnit.SECONDS).status();
                // one wins, and the other sees it: never both, never neither
                assertThat(List.of(assigned, deleted)).as("round " + i).isIn(List.of(200, 422), List.of(422, 204));
                boolean endpointExists = api.get(ENDPOINTS + "/" + target).status() == 200;
                boolean routesToIt = target.equals(api.get(NUMBERS + "/" + number).json()
                        .get("call_sip_endpoint_id").asText(null));
                assertThat(endpointExists).as("round " + i).isEqualTo(deleted != 204);
                assertThat(routesToIt).as("round " + i).isEqualTo(assigned == 200);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
