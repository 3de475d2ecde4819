package dev.sipyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

    @Test
    void defaultsAreTenThousandWritesPerTenSecondsUnlimitedReadsAndTwentyFailuresPerMinute() {
        RateLimits r = SettingsLoader.load(Map.of()).rateLimits();
        assertThat(r).isEqualTo(new RateLimits(10_000, 0, Duration.ofSeconds(10), 20, Duration.ofMinutes(1)));
    }

    @Test
    void durationsTakeAUnit() {
        RateLimits r = SettingsLoader.load(Map.of(SettingsLoader.RATE_WINDOW, "500ms",
                SettingsLoader.RATE_AUTH_WINDOW, "2h", SettingsLoader.RATE_WRITES, "0")).rateLimits();
        assertThat(r.window()).isEqualTo(Duration.ofMillis(500));
        assertThat(r.authWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(r.writes()).isZero();
        assertThat(SettingsLoader.load(Map.of(SettingsLoader.RATE_WINDOW, "30")).rateLimits().window())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badValuesStopTheStartWithOneLineNamingTheSetting() {
        for (String bad : new String[] {"0s", "ten", "-1s", "2d", "25h"}) {
            assertThatThrownBy(() -> SettingsLoader.load(Map.of(SettingsLoader.RATE_WINDOW, bad)))
                    .as(bad).isInstanceOf(SettingsException.class).hasMessageContaining("SIPYARD_RATE_WINDOW");
        }
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(SettingsLoader.RATE_WRITES, "-5")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("SIPYARD_RATE_WRITES");
    }
}
