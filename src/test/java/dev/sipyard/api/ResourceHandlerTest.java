package dev.sipyard.api;

import static dev.sipyard.api.ResourceSamples.create;
import static dev.sipyard.api.ResourceSamples.handler;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.HttpResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resources as call handlers: what endpoints and the SIP profile may point at, the generic
 * view of all resources, refusing to delete a resource in use (also under concurrency), and
 * assigning a resource to an endpoint.
 */
class ResourceHandlerTest extends ApiContractBase {
    private static final String RESOURCES = "/api/fabric/resources";
    @ParameterizedTest
    @ValueSource(strings = {"cxml_webhooks", "swml_webhooks", "cxml_applications", "sip_gateways"})
    void anEndpointCanBeHandledByEachKindOfResource(String collection) {
        String resource = create(api, collection);
        String alice = ResourceSamples.endpoint(api, "alice");
        HttpResult r = api.patch(ENDPOINTS + "/" + alice, handler(resource));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("call_handler").asText()).isEqualTo("resource");
        assertThat(r.json().get("calling_handler_resource_id").asText()).isEqualTo(resource);
    }

    @Test
    void anEndpointCanBeHandledByAnotherEndpointButNotByItself() {
        String alice = ResourceSamples.endpoint(api, "alice");
        String bob = ResourceSamples.endpoint(api, "bob");
        assertThat(api.patch(ENDPOINTS + "/" + alice, handler(bob)).status()).isEqualTo(200);
        HttpResult self = api.patch(ENDPOINTS + "/" + bob, handler(bob));
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.errorCodes()).containsExactly("invalid_resource_for_handler");
    }

    @Test
    void unknownForeignAndMessagingOnlyHandlersAreRefusedAlike() {
        String alice = ResourceSamples.endpoint(api, "alice");
        ApiClient other = server.newProject("other");
        String foreign = create(other, "cxml_webhooks");
        Map<String, Object> messagingBody = ResourceSamples.body("swml_webhooks");
        messagingBody.put("used_for", "messaging");
        String messaging = create(api, "swml_webhooks", messagingBody);

        HttpResult unknown = api.patch(ENDPOINTS + "/" + alice, handler("00000000-0000-7000-8000-000000000000"));
        HttpResult ofOther = api.patch(ENDPOINTS + "/" + alice, handler(foreign));
        HttpResult msg = api.patch(ENDPOINTS + "/" + alice, handler(messaging));
        HttpResult notAnId = api.patch(ENDPOINTS + "/" + alice, handler("webhook-1"));
        for (HttpResult r : List.of(unknown, ofOther, msg, notAnId)) {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.errorCodes()).containsExactly("invalid_resource_for_handler");
            assertThat(r.errorAttributes()).containsExactly("calling_handler_resource_id");
        }
        // another project's id cannot be told apart from an unknown one
        assertThat(ofOther.body()).isEqualTo(unknown.body());

        HttpResult created = api.post(ENDPOINTS, Map.of("username", "carol", "password", "Tr1cky-Horse-Battery-9",
                "call_handler", "resource", "calling_handler_resource_id", foreign));
        assertThat(created.errorCodes()).containsExactly("invalid_resource_for_handler");
    }

    @Test
    void lamlApplicationMustBeACxmlApplicationOfTheProject() {
        String alice = ResourceSamples.endpoint(api, "alice");
        String app = create(api, "cxml_applications");
        String webhook = create(api, "cxml_webhooks");
        String foreignApp = create(server.newProject("other"), "cxml_applications");
        HttpResult ok = api.patch(ENDPOINTS + "/" + alice,
                Map.of("call_handler", "laml_application", "call_laml_application_id", app));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        for (String wrong : List.of(webhook, foreignApp, alice)) {
            HttpResult r = api.patch(ENDPOINTS + "/" + alice,
                    Map.of("call_handler", "laml_application", "call_laml_application_id", wrong));
            assertThat(r.errorCodes()).containsExactly("invalid_resource_for_handler");
        }
        HttpResult busy = api.delete(RESOURCES + "/cxml_applications/" + app);
        assertThat(busy.status()).isEqualTo(422);
        assertThat(busy.errorCodes()).containsExactly("resource_assigned_as_handler");
    }

    @Test
    void profileHandlerAndPstnGatewayFollowTheSameRules() {
        String gateway = create(api, "sip_gateways");
        String webhook = create(api, "swml_webhooks");
        String foreignGateway = create(server.newProject("other"), "sip_gateways");
        HttpResult ok = api.put(PROFILE, Map.of("default_call_handler", "resource",
                "default_calling_handler_resource_id", webhook, "pstn_gateway_id", gateway));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("pstn_gateway_id").asText()).isEqualTo(gateway);

        for (String wrong : List.of(webhook, foreignGateway, "00000000-0000-7000-8000-000000000000")) {
            HttpResult r = api.put(PROFILE, Map.of("pstn_gateway_id", wrong));
            assertThat(r.errorCodes()).as(wrong).containsExactly("invalid_resource_for_handler");
        }
        HttpResult foreignHandler = api.put(PROFILE, Map.of("default_calling_handler_resource_id", foreignGateway));
        assertThat(foreignHandler.errorCodes()).containsExactly("invalid_resource_for_handler");

        HttpResult busyGateway = api.delete(RESOURCES + "/" + gateway);
        assertThat(busyGateway.status()).isEqualTo(422);
        assertThat(busyGateway.errorCodes()).containsExactly("resource_assigned_as_handler");
        assertThat(busyGateway.json().get("errors").get(0).get("message").asText()).contains("pstn_gateway_id");
        HttpResult busyHandler = api.delete(RESOURCES + "/swml_webhooks/" + webhook);
        assertThat(busyHandler.json().get("errors").get(0).get("message").asText())
                .contains("default_calling_handler_resource_id");
        // a handler in use cannot stop handling calls
        HttpResult toMessaging = api.patch(RESOURCES + "/swml_webhooks/" + webhook, Map.of("used_for", "messaging"));
        assertThat(toMessaging.errorCodes()).containsExactly("resource_assigned_as_handler");
        assertThat(toMessaging.errorAttributes()).containsExactly("used_for");

        Map<String, Object> away = new HashMap<>();
        away.put("default_call_handler", "passthrough");
        away.put("pstn_gateway_id", null);
        assertThat(api.put(PROFILE, away).status()).isEqualTo(200);
        assertThat(api.delete(RESOURCES + "/" + gateway).status()).isEqualTo(204);
        assertThat(api.delete(RESOURCES + "/swml_webhooks/" + webhook).status()).isEqualTo(204);
    }

    @Test
    void aResourceInUseCannotBeDeletedUntilItsLastUserMovesAway() {
        String webhook = create(api, "cxml_webhooks");
        String alice = ResourceSamples.endpoint(api, "alice");
        String bob = ResourceSamples.endpoint(api, "bob");
        api.patch(ENDPOINTS + "/" + alice, handler(webhook));
        api.patch(ENDPOINTS + "/" + bob, handler(webhook));

        for (String path : List.of(RESOURCES + "/cxml_webhooks/" + webhook, RESOURCES + "/" + webhook)) {
            HttpResult r = api.delete(path);
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.errorCodes()).containsExactly("resource_assigned_as_handler");
            assertThat(r.json().get("errors").get(0).get("message").asText()).contains("alice").contains("bob");
        }
        api.patch(ENDPOINTS + "/" + alice, Map.of("call_handler", "passthrough"));
        assertThat(api.delete(RESOURCES + "/" + webhook).json().get("errors").get(0).get("message").asText())
                .contains("bob").doesNotContain("alice");
        api.delete(ENDPOINTS + "/" + bob);
        assertThat(api.delete(RESOURCES + "/" + webhook).status()).isEqualTo(204);
        assertThat(api.get(RESOURCES + "/" + webhook).status()).isEqualTo(404);
    }

    @Test
    void anEndpointThatHandlesAnotherOnesCallsCannotBeDeleted() {
        String alice = ResourceSamples.endpoint(api, "alice");
        String bob = ResourceSamples.endpoint(api, "bob");
        api.patch(ENDPOINTS + "/" + alice, handler(bob));
        for (String path : List.of(ENDPOINTS + "/" + bob, "/api/relay/rest/endpoints/sip/" + bob, RESOURCES + "/" + bob)) {
            HttpResult r = api.delete(path);
            assertThat(r.status()).as(path).isEqualTo(422);
            assertThat(r.errorCodes()).containsExactly("resource_assigned_as_handler");
            assertThat(r.body()).contains("alice");
        }
        assertThat(api.delete(ENDPOINTS + "/" + alice).status()).isEqualTo(204);
        assertThat(api.delete(RESOURCES + "/" + bob).status()).isEqualTo(204);
        assertThat(api.get(ENDPOINTS + "/" + bob).status()).isEqualTo(404);
    }

    @Test
    void theGenericViewListsEveryResourceInIdOrderWithItsEnvelope() {
        List<String> ids = new ArrayList<>();
        ids.add(ResourceSamples.endpoint(api, "alice"));
        for (String c : ResourceSamples.COLLECTIONS) {
            ids.add(create(api, c));
        }
        ids.add(ResourceSamples.endpoint(api, "bob"));
        server.newProject("other").post(ENDPOINTS, Map.of("username", "mallory", "password", "Tr1cky-Horse-Battery-9"));

        List<JsonNode> all = new ArrayList<>();
        String url = RESOURCES + "?page_size=4";
        while (url != null) {
            HttpResult page = api.get(url);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").forEach(all::add);
            url = page.json().get("links").has("next") ? page.json().get("links").get("next").asText() : null;
        }
        assertThat(all).extracting(n -> n.get("id").asText()).containsExactlyElementsOf(ids);
        assertThat(all).extracting(n -> n.get("type").asText()).containsExactly("sip_endpoint", "cxml_webhook",
                "swml_webhook", "cxml_application", "sip_gateway", "sip_endpoint");
        for (JsonNode n : all) {
            String type = n.get("type").asText();
            assertThat(n.get(type).get("id").asText()).isEqualTo(n.get("id").asText());
            assertThat(n.has("project_id") && n.has("display_name") && n.has("created_at") && n.has("updated_at"))
                    .isTrue();
        }
        JsonNode alice = all.get(0);
        assertThat(alice.get("display_name").asText()).isEqualTo("alice");
        assertThat(alice.get("sip_endpoint")).isEqualTo(api.get(ENDPOINTS + "/" + ids.get(0)).json());
        assertThat(alice.get("sip_endpoint").has("password")).isFalse();

        HttpResult endpointsOnly = api.get(RESOURCES + "?type=sip_endpoint");
        assertThat(endpointsOnly.json().get("data")).extracting(n -> n.get("id").asText())
                .containsExactly(ids.get(0), ids.get(5));
        HttpResult gateways = api.get(RESOURCES + "?type=sip_gateway");
        assertThat(gateways.json().get("data")).extracting(n -> n.get("id").asText()).containsExactly(ids.get(4));
        HttpResult badType = api.get(RESOURCES + "?type=phone_number");
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.errorAttributes()).containsExactly("type");

        for (JsonNode n : all) {
            assertThat(api.get(RESOURCES + "/" + n.get("id").asText()).json()).isEqualTo(n);
        }
        ApiClient other = server.newProject("other");
        assertThat(other.get(RESOURCES + "/" + ids.get(1)).status()).isEqualTo(404);
        assertThat(other.delete(RESOURCES + "/" + ids.get(1)).status()).isEqualTo(404);
        assertThat(other.get(RESOURCES).json().get("data")).isEmpty();
        assertThat(api.get(RESOURCES + "/not-a-uuid").status()).isEqualTo(404);

        for (String id : ids) {
            assertThat(api.delete(RESOURCES + "/" + id).status()).isEqualTo(204);
        }
        assertThat(api.get(RESOURCES).json().get("data")).isEmpty();
    }

    @Test
    void assigningAResourceToAnEndpointMakesItTheCallHandler() {
        String alice = ResourceSamples.endpoint(api, "alice");
        String gateway = create(api, "sip_gateways");
        HttpResult r = api.post(RESOURCES + "/" + gateway + "/sip_endpoints", Map.of("sip_endpoint_id", alice));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(alice);
        assertThat(r.json().get("call_handler").asText()).isEqualTo("resource");
        assertThat(r.json().get("calling_handler_resource_id").asText()).isEqualTo(gateway);
        assertThat(api.get(ENDPOINTS + "/" + alice).json()).isEqualTo(r.json());

        Map<String, Object> messagingBody = ResourceSamples.body("cxml_webhooks");
        messagingBody.put("used_for", "messaging");
        String messaging = create(api, "cxml_webhooks", messagingBody);
        assertThat(api.post(RESOURCES + "/" + messaging + "/sip_endpoints", Map.of("sip_endpoint_id", alice))
                .errorCodes()).containsExactly("invalid_resource_for_handler");
        assertThat(api.post(RESOURCES + "/" + alice + "/sip_endpoints", Map.of("sip_endpoint_id", alice))
                .errorCodes()).containsExactly("invalid_resource_for_handler");
        assertThat(api.post(RESOURCES + "/00000000-0000-7000-8000-000000000000/sip_endpoints",
                Map.of("sip_endpoint_id", alice)).status()).isEqualTo(404);
        HttpResult noEndpoint = api.post(RESOURCES + "/" + gateway + "/sip_endpoints",
                Map.of("sip_endpoint_id", "00000000-0000-7000-8000-000000000000"));
        assertThat(noEndpoint.status()).isEqualTo(422);
        assertThat(noEndpoint.errorAttributes()).containsExactly("sip_endpoint_id");
        assertThat(api.post(RESOURCES + "/" + gateway + "/sip_endpoints", Map.of()).errorCodes())
                .containsExactly("missing_required_parameter");
        assertThat(api.post(RESOURCES + "/" + gateway + "/sip_endpoints", Map.of("sip_endpoint_id", alice,
                "handler", "calling")).errorCodes()).containsExactly("unknown_parameter");
        ApiClient other = server.newProject("other");
        assertThat(other.post(RESOURCES + "/" + gateway + "/sip_endpoints", Map.of("sip_endpoint_id", alice))
                .status()).isEqualTo(404);
    }

    /** Endpoints that hand their calls to each other, assigned at the same moment: both succeed, no deadlock. */
    @Test
    void endpointsAssignedAsEachOthersHandlersAtOnceBothSucceed() throws Exception {
        int pairs = 12;
        List<CompletableFuture<HttpResult>> results = new ArrayList<>();
        List<String[]> ids = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            ids.add(new String[] {ResourceSamples.endpoint(api, "left" + i), ResourceSamples.endpoint(api, "right" + i)});
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (String[] pair : ids) {
                results.add(CompletableFuture.supplyAsync(() -> api.patch(ENDPOINTS + "/" + pair[0], handler(pair[1])), pool));
                results.add(CompletableFuture.supplyAsync(() -> api.patch(ENDPOINTS + "/" + pair[1], handler(pair[0])), pool));
            }
        }
        for (CompletableFuture<HttpResult> r : results) {
            assertThat(r.get().status()).as(r.get().toString()).isEqualTo(200);
        }
    }

    /**
     * Deletes race updates that assign the same resource: each pair must end with exactly one
     * winner, and no endpoint may be left pointing at a resource that no longer exists.
     */
    @Test
    void aDeleteRacingAnAssignmentNeverLeavesADanglingHandler() throws Exception {
        int pairs = 24;
        List<String> endpoints = new ArrayList<>();
        List<String> webhooks = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            endpoints.add(ResourceSamples.endpoint(api, "user" + i));
            webhooks.add(create(api, i % 2 == 0 ? "cxml_webhooks" : "sip_gateways"));
        }
        List<CompletableFuture<HttpResult>> assigns = new ArrayList<>();
        List<CompletableFuture<HttpResult>> deletes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < pairs; i++) {
                String e = endpoints.get(i);
                String w = webhooks.get(i);
                if (i % 2 == 0) {
                    deletes.add(CompletableFuture.supplyAsync(() -> api.delete(RESOURCES + "/" + w), pool));
                    assigns.add(CompletableFuture.supplyAsync(() -> api.patch(ENDPOINTS + "/" + e, handler(w)), pool));
                } else {
                    assigns.add(CompletableFuture.supplyAsync(() -> api.put(ENDPOINTS + "/" + e, handler(w)), pool));
                    deletes.add(CompletableFuture.supplyAsync(() -> api.delete(RESOURCES + "/sip_gateways/" + w), pool));
                }
            }
        }
        for (int i = 0; i < pairs; i++) {
            HttpResult assign = assigns.get(i).get();
            HttpResult delete = deletes.get(i).get();
            boolean assigned = assign.status() == 200;
            boolean deleted = delete.status() == 204;
            assertThat(assigned ^ deleted).as("pair %d: assign %s, delete %s", i, assign, delete).isTrue();
            if (assigned) {
                assertThat(delete.errorCodes()).containsExactly("resource_assigned_as_handler");
            } else {
                assertThat(assign.errorCodes()).containsExactly("invalid_resource_for_handler");
            }
            JsonNode e = api.get(ENDPOINTS + "/" + endpoints.get(i)).json();
            if (e.get("calling_handler_resource_id").isTextual()) {
                assertThat(api.get(RESOURCES + "/" + e.get("calling_handler_resource_id").asText()).status())
                        .as("handler of endpoint %d", i).isEqualTo(200);
            }
        }
    }
}
