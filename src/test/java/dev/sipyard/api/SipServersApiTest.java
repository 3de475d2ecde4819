package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SIP profile publishes the node's SIP listeners ({@code sip_servers}) with the ports really
 * bound, only the listeners that are on, and refuses a change to them as it refuses one to the
 * domain or realm.
 */
class SipServersApiTest {
    private static final String PROFILE = "/api/relay/rest/sip_profile";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theProfileListsTheListenersThatAreOnWithTheirBoundPorts(Backend backend) {
        // UDP, TCP and WS on free ports (port 0 in the settings); TLS and WSS off.
        try (TestServer server = TestServer.start(backend, Map.of("SIPYARD_SIP_WS_ADDR", "127.0.0.1:0"))) {
            ApiClient api = server.newProject("listeners");
            var ports = server.sipPorts();
            assertThat(ports.udp()).isPositive();
            assertThat(ports.ws()).isPositive();

            JsonNode servers = api.get(PROFILE).json().get("sip_servers");

            assertThat(servers).isEqualTo(JSON.valueToTree(java.util.List.of(
                    Map.of("transport", "udp", "host", "127.0.0.1", "port", ports.udp()),
                    Map.of("transport", "tcp", "host", "127.0.0.1", "port", ports.tcp()),
                    Map.of("transport", "ws", "host", "127.0.0.1", "port", ports.ws()))));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theListenersAreReadOnlyLikeTheDomain(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            ApiClient api = server.newProject("read-only");
            ObjectNode profile = (ObjectNode) api.get(PROFILE).json();

            // What GET returned, sent back whole, is accepted.
            var unchanged = api.put(PROFILE, profile);
            assertThat(unchanged.status()).as(unchanged.toString()).isEqualTo(200);
            assertThat(unchanged.json()).isEqualTo(profile);

            ArrayNode moved = profile.get("sip_servers").deepCopy();
            ((ObjectNode) moved.get(0)).put("port", 5999);
            var refused = api.put(PROFILE, Map.of("sip_servers", moved, "default_encryption", "never"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.errorAttributes()).containsExactlyInAnyOrder("sip_servers", "default_encryption");
            assertThat(refused.body()).contains("sip_servers is read-only.");

            var notAList = api.put(PROFILE, Map.of("sip_servers", "udp:5060"));
            assertThat(notAList.status()).isEqualTo(422);
            assertThat(notAList.errorAttributes()).containsExactly("sip_servers");
            assertThat(api.get(PROFILE).json()).isEqualTo(profile);
        }
    }
}
