package dev.sipyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainSettingsTest {

    @Test
    void aNodeDrainsTenSecondsUnlessToldOtherwise() {
        assertThat(SettingsLoader.load(Map.of()).drainSeconds()).isEqualTo(10);
        assertThat(SettingsLoader.load(Map.of(SettingsLoader.DRAIN_SECONDS, "0")).drainSeconds()).isZero();
        assertThat(SettingsLoader.load(Map.of(SettingsLoader.DRAIN_SECONDS, " 300 ")).drainSeconds()).isEqualTo(300);
    }

    @Test
    void aBadValueStopsTheStartWithOneLineNamingTheSetting() {
        for (String bad : new String[] {"-1", "ten", "10s", "3601", "99999999999"}) {
            assertThatThrownBy(() -> SettingsLoader.load(Map.of(SettingsLoader.DRAIN_SECONDS, bad)))
                    .as(bad).isInstanceOf(SettingsException.class)
                    .hasMessageStartingWith(SettingsLoader.DRAIN_SECONDS + "=")
                    .hasMessageNotContaining("\n");
        }
    }
}
