package dev.sipyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaPrioritySettingsTest {

    @Test
    void mediaClocksAskForRealtimePriorityTenUnlessToldOtherwise() {
        assertThat(SettingsLoader.load(Map.of()).media().rtPriority()).isEqualTo(10);
        assertThat(SettingsLoader.load(Map.of(MediaSettingsLoader.RT_PRIORITY, "0")).media().rtPriority()).isZero();
        assertThat(SettingsLoader.load(Map.of(MediaSettingsLoader.RT_PRIORITY, "50")).media().rtPriority())
                .isEqualTo(50);
    }

    @Test
    void aPriorityLinuxDoesNotHaveStopsTheStart() {
        for (String bad : new String[] {"-1", "100", "high", "fifo"}) {
            assertThatThrownBy(() -> SettingsLoader.load(Map.of(MediaSettingsLoader.RT_PRIORITY, bad)))
                    .as(bad).isInstanceOf(SettingsException.class)
                    .hasMessageStartingWith(MediaSettingsLoader.RT_PRIORITY + "=");
        }
    }
}
