package dev.sipyard.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    @Test
    void everyLogLevelSettingTakesALogbackLevelInAnyCase() {
        for (String name : SettingsLoader.LOG_LEVELS) {
            for (String level : new String[] {"TRACE", "debug", "Info", "WARN", "error", "OFF"}) {
                assertThatCode(() -> SettingsLoader.load(Map.of(name, level))).as(name + "=" + level)
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void anythingElseStopsTheStartWithOneLineNamingTheSetting() {
        for (String name : SettingsLoader.LOG_LEVELS) {
            for (String bad : new String[] {"verbose", "", "INFO,WARN", "5"}) {
                assertThatThrownBy(() -> SettingsLoader.load(Map.of(name, bad))).as(name + "=" + bad)
                        .isInstanceOf(SettingsException.class)
                        .hasMessage(name + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
            }
        }
    }
}
