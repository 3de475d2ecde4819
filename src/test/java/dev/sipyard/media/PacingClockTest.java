package dev.sipyard.media;

import static dev.sipyard.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacingClockTest {

    @Test
    void everyMemberIsTickedOnTheClockThreadAndAFailingOneDoesNotStopTheOthers() {
        try (PacingClock clock = new PacingClock("test-clock")) {
            AtomicInteger ticks = new AtomicInteger();
            StringBuffer thread = new StringBuffer();
            long[] first = new long[1];
            long[] last = new long[1];
            PacingClock.Ticked failing = now -> {
                throw new IllegalStateException("broken stream");
            };
            PacingClock.Ticked counting = now -> {
                if (ticks.getAndIncrement() == 0) {
                    first[0] = now;
                    thread.append(Thread.currentThread().getName());
                }
                last[0] = now;
            };
            clock.add(failing);
            clock.add(counting);
            clock.add(counting);

            until("50 ticks", () -> ticks.get() >= 50);
            clock.remove(counting);
            int afterRemoval = ticks.get();
            long ticked = clock.ticks();
            until("more ticks", () -> clock.ticks() >= ticked + 3);

            assertThat(thread.toString()).isEqualTo("test-clock");
            assertThat(ticks.get()).isEqualTo(afterRemoval);
            System.out.printf("50 ticks over %.1f ms (ideal 980), skipped %d%n", (last[0] - first[0]) / 1e6,
                    clock.skippedTicks());
        }
    }
}
