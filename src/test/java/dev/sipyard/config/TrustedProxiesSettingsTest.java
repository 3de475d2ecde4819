package dev.sipyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustedProxiesSettingsTest {

    @Test
    void byDefaultNoProxyIsTrusted() {
        assertThat(SettingsLoader.load(Map.of()).trustedProxies().isEmpty()).isTrue();
    }

    @Test
    void addressesAndNetworksOfBothFamilies() {
        Settings s = SettingsLoader.load(Map.of(SettingsLoader.TRUSTED_PROXIES, "127.0.0.1, 10.0.0.0/8,fd00::/8"));
        assertThat(s.trustedProxies().contains("127.0.0.1")).isTrue();
        assertThat(s.trustedProxies().contains("10.1.2.3")).isTrue();
        assertThat(s.trustedProxies().contains("fd12::1")).isTrue();
        assertThat(s.trustedProxies().contains("192.0.2.1")).isFalse();
    }

    @Test
    void aBadEntryStopsTheStartWithOneLineNamingTheSettingAndTheEntry() {
        for (String bad : new String[] {"proxy.example.com", "10.0.0.0/40", "10.0.0.1/", "1.2.3.4.5"}) {
            assertThatThrownBy(() -> SettingsLoader.load(Map.of(SettingsLoader.TRUSTED_PROXIES, "127.0.0.1," + bad)))
                    .as(bad).isInstanceOf(SettingsException.class)
                    .hasMessageStartingWith("SIPYARD_TRUSTED_PROXIES: " + bad)
                    .hasMessageNotContaining("\n");
        }
    }
}
