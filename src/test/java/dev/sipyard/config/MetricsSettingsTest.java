package dev.sipyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

    @Test
    void metricsListenOnLoopbackPort9464UnlessSet() {
        assertThat(SettingsLoader.load(Map.of()).metricsAddr()).isEqualTo(new HostPort("127.0.0.1", 9464));
        assertThat(SettingsLoader.load(Map.of(SettingsLoader.METRICS_ADDR, "0.0.0.0:9100")).metricsAddr())
                .isEqualTo(new HostPort("0.0.0.0", 9100));
        assertThat(SettingsLoader.load(Map.of(SettingsLoader.METRICS_ADDR, "[::1]:0")).metricsAddr())
                .isEqualTo(new HostPort("::1", 0));
    }

    @Test
    void offTurnsThemOff() {
        assertThat(SettingsLoader.load(Map.of(SettingsLoader.METRICS_ADDR, "off")).metricsAddr()).isNull();
        assertThat(SettingsLoader.load(Map.of(SettingsLoader.METRICS_ADDR, "OFF")).metricsAddr()).isNull();
    }

    @Test
    void aBadValueStopsTheStartWithOneLineNamingTheSetting() {
        for (String bad : new String[] {"9464", "localhost", "127.0.0.1:99999", "127.0.0.1:x", "no-such-host.invalid:9464"}) {
            assertThatThrownBy(() -> SettingsLoader.load(Map.of(SettingsLoader.METRICS_ADDR, bad)))
                    .as(bad).isInstanceOf(SettingsException.class)
                    .hasMessageStartingWith(SettingsLoader.METRICS_ADDR + "=" + bad)
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void theApiPortIsRefused() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(SettingsLoader.HTTP_ADDR, "127.0.0.1:8080",
                SettingsLoader.METRICS_ADDR, "0.0.0.0:8080")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("SIPYARD_METRICS_ADDR=0.0.0.0:8080 must not use the port of SIPYARD_HTTP_ADDR "
                        + "(metrics have their own listener; use off to disable them)");
        // both on any free port is fine: they get different ones
        assertThat(SettingsLoader.load(Map.of(SettingsLoader.HTTP_ADDR, "127.0.0.1:0",
                SettingsLoader.METRICS_ADDR, "127.0.0.1:0")).metricsAddr().port()).isZero();
    }
}
