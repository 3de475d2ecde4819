package dev.sipyard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistrationResultTest {

    @Test
    void eachStatusOfARegisterAnswerHasItsResult() {
        assertThat(RegistrationResult.of(200)).isEqualTo(RegistrationResult.OK);
        assertThat(RegistrationResult.of(401)).isEqualTo(RegistrationResult.CHALLENGE);
        assertThat(RegistrationResult.of(403)).isEqualTo(RegistrationResult.DENIED);
        assertThat(RegistrationResult.of(404)).isEqualTo(RegistrationResult.UNKNOWN);
        assertThat(RegistrationResult.of(423)).isEqualTo(RegistrationResult.INTERVAL_TOO_BRIEF);
        assertThat(RegistrationResult.of(400)).isEqualTo(RegistrationResult.INVALID);
        assertThat(RegistrationResult.of(500)).isEqualTo(RegistrationResult.ERROR);
        assertThat(RegistrationResult.of(503)).isEqualTo(RegistrationResult.ERROR);
    }

    @Test
    void statusesOutsideTheUsualOnesStillLandInAResult() {
        assertThat(RegistrationResult.of(202)).isEqualTo(RegistrationResult.OK);
        assertThat(RegistrationResult.of(489)).isEqualTo(RegistrationResult.INVALID);
        assertThat(RegistrationResult.of(100)).isEqualTo(RegistrationResult.ERROR);
        assertThat(RegistrationResult.of(0)).isEqualTo(RegistrationResult.ERROR);
        assertThat(RegistrationResult.of(699)).isEqualTo(RegistrationResult.ERROR);
    }

    @Test
    void labelsAreLowerCaseWordsWithUnderscores() {
        for (RegistrationResult r : RegistrationResult.values()) {
            assertThat(r.label()).matches("[a-z_]+");
        }
    }
}
