package dev.sipyard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FetchLimitsTest {

    @Test
    void withoutAFragmentTheDefaultsApply() {
        assertThat(FetchLimits.fromFragment(null)).isEqualTo(new FetchLimits(Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(15)));
        assertThat(FetchLimits.fromFragment("section-2")).isEqualTo(FetchLimits.DEFAULTS);
    }

    @Test
    void theFragmentOverridesEachLimitInMilliseconds() {
        assertThat(FetchLimits.fromFragment("ot=300&rt=1200&tt=2500")).isEqualTo(new FetchLimits(
                Duration.ofMillis(300), Duration.ofMillis(1200), Duration.ofMillis(2500)));
        assertThat(FetchLimits.fromFragment("tt=1000").total()).isEqualTo(Duration.ofMillis(1000));
        assertThat(FetchLimits.fromFragment("tt=1000").connect()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void valuesOutsideTheirRangeArePulledToTheBoundAndGarbageIsIgnored() {
        FetchLimits l = FetchLimits.fromFragment("ot=5&rt=99999999&tt=-3&x=1&=&ot");
        assertThat(l.connect()).isEqualTo(Duration.ofMillis(100));
        assertThat(l.read()).isEqualTo(Duration.ofMillis(15_000));
        assertThat(l.total()).isEqualTo(Duration.ofSeconds(15));
        assertThat(FetchLimits.fromFragment("ot=20000").connect()).isEqualTo(Duration.ofMillis(10_000));
        assertThat(FetchLimits.fromFragment("tt=99999999999999999999").total()).isEqualTo(Duration.ofSeconds(15));
    }
}
