package dev.sipyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeIdsTest {
    @Test
    void aConfiguredIdIsKeptAsWritten() {
        assertThat(NodeIds.of("sip-2.eu_west:5060", new HostPort("0.0.0.0", 5060))).isEqualTo("sip-2.eu_west:5060");
    }

    @Test
    void aBadIdStopsTheStartWithOneLineNamingTheSetting() {
        for (String bad : new String[] {"-leading-dash", "has space", "slash/inside", "x".repeat(65), "é"}) {
            assertThatThrownBy(() -> NodeIds.of(bad, new HostPort("127.0.0.1", 5060)))
                    .as(bad).isInstanceOf(SettingsException.class).hasMessageContaining("SIPYARD_NODE_ID");
        }
    }

    @Test
    void withoutOneTheSipListenersAddressNamesTheNode() {
        assertThat(NodeIds.of(null, new HostPort("10.0.0.7", 5070))).isEqualTo("10.0.0.7:5070");
        assertThat(NodeIds.of(null, new HostPort("127.0.0.2", 5060)))
                .isNotEqualTo(NodeIds.of(null, new HostPort("127.0.0.3", 5060)));
    }

    @Test
    void aWildcardListenerIsNamedAfterTheMachine() {
        String id = NodeIds.of(null, new HostPort("0.0.0.0", 5060));
        assertThat(id).endsWith(":5060").doesNotStartWith("0.0.0.0").matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    }

    @Test
    void theLoaderReadsTheSetting() {
        assertThat(SettingsLoader.load(Map.of("SIPYARD_NODE_ID", "node-7")).nodeId()).isEqualTo("node-7");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("SIPYARD_NODE_ID", "bad id")))
                .isInstanceOf(SettingsException.class);
    }
}
