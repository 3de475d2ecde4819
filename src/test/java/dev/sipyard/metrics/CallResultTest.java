package dev.sipyard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallResultTest {

    @Test
    void callLogStatusesMapToResults() {
        assertThat(CallResult.ofCallStatus("completed")).isEqualTo(CallResult.ANSWERED);
        assertThat(CallResult.ofCallStatus("busy")).isEqualTo(CallResult.BUSY);
        assertThat(CallResult.ofCallStatus("no-answer")).isEqualTo(CallResult.NO_ANSWER);
        assertThat(CallResult.ofCallStatus("canceled")).isEqualTo(CallResult.CANCELED);
        assertThat(CallResult.ofCallStatus("failed")).isEqualTo(CallResult.FAILED);
        assertThat(CallResult.ofCallStatus(null)).isEqualTo(CallResult.FAILED);
        assertThat(CallResult.ofCallStatus("something-new")).isEqualTo(CallResult.FAILED);
    }

    @Test
    void anUnknownHandlerCountsAsOtherAndNoHandlerAsNone() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CallMeters meters = new CallMeters(registry, List.of("default"));
        meters.ended("default", CallResult.ANSWERED);
        meters.ended("not-a-handler", CallResult.BUSY);
        meters.ended(null, CallResult.FAILED);
        assertThat(count(registry, "default", "answered")).isEqualTo(1);
        assertThat(count(registry, CallMeters.OTHER_HANDLER, "busy")).isEqualTo(1);
        assertThat(count(registry, CallMeters.NO_HANDLER, "failed")).isEqualTo(1);
        assertThat(registry.find("sipyard.calls").counters()).hasSize(3 * CallResult.values().length);
    }

    private static double count(SimpleMeterRegistry r, String handler, String result) {
        return r.get("sipyard.calls").tag("call_handler", handler).tag("result", result).counter().count();
    }
}
