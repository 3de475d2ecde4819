package dev.sipyard.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.testing.MovingClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DrainTest {
    private final MovingClock clock = new MovingClock();

    @Test
    void servesUntilItBeginsThenDrainsOnce() {
        Drain drain = new Drain(Duration.ofSeconds(10), clock);
        assertThat(drain.state()).isEqualTo(Drain.State.SERVING);
        assertThat(drain.isDraining()).isFalse();
        assertThat(drain.remaining()).isZero();

        assertThat(drain.begin()).isTrue();
        assertThat(drain.isDraining()).isTrue();
        assertThat(drain.remaining()).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(4));
        assertThat(drain.remaining()).isEqualTo(Duration.ofSeconds(6));
        assertThat(drain.begin()).as("a second begin changes nothing").isFalse();
        assertThat(drain.remaining()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void endsQuietlyAsSoonAsNothingIsInHand() throws Exception {
        Drain drain = new Drain(Duration.ofSeconds(10), clock);
        AtomicInteger calls = new AtomicInteger(2);
        AtomicInteger looks = new AtomicInteger();
        Drain.Ending ending = drain.awaitQuiet(() -> {
            if (looks.incrementAndGet() == 3) {
                calls.set(0); // the last calls hang up while the node waits
            }
            return calls.get();
        });
        assertThat(ending).isEqualTo(Drain.Ending.QUIET);
        assertThat(looks).hasValue(3);
        assertThat(drain.state()).isEqualTo(Drain.State.STOPPING);
        assertThat(drain.isDraining()).as("a stopping node still refuses new work").isTrue();
    }

    @Test
    void anIdleNodeStopsAtOnce() throws Exception {
        Drain drain = new Drain(Duration.ofSeconds(10), clock);
        assertThat(drain.awaitQuiet(() -> 0)).isEqualTo(Drain.Ending.QUIET);
    }

    @Test
    void theDeadlineEndsTheWaitWithWorkStillInHand() throws Exception {
        Drain drain = new Drain(Duration.ofSeconds(10), clock);
        AtomicInteger looks = new AtomicInteger();
        Drain.Ending ending = drain.awaitQuiet(() -> {
            if (looks.incrementAndGet() == 2) {
                clock.advance(Duration.ofSeconds(10));
            }
            return 1;
        });
        assertThat(ending).isEqualTo(Drain.Ending.DEADLINE);
        assertThat(drain.remaining()).isZero();
        assertThat(drain.state()).isEqualTo(Drain.State.STOPPING);
    }

    @Test
    void zeroSecondsStopsAtOnceWhateverIsInHand() throws Exception {
        Drain drain = new Drain(Duration.ZERO, clock);
        AtomicInteger looks = new AtomicInteger();
        assertThat(drain.awaitQuiet(() -> {
            looks.incrementAndGet();
            return 5;
        })).isEqualTo(Drain.Ending.DEADLINE);
        assertThat(looks).as("looked once, never waited").hasValue(1);
    }

    @Test
    void aHurryEndsAWaitThatWouldOtherwiseLastAnHour() throws Exception {
        Drain drain = new Drain(Duration.ofHours(1), clock);
        drain.begin();
        AtomicInteger looks = new AtomicInteger();
        CompletableFuture<Drain.Ending> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return drain.awaitQuiet(() -> {
                    looks.incrementAndGet();
                    return 1;
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        dev.sipyard.testing.Await.until("the drain polls its work", () -> looks.get() > 0);
        assertThat(waiting).isNotDone();
        drain.hurry();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(Drain.Ending.HURRIED);
        assertThat(drain.isHurried()).isTrue();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> new Drain(Duration.ofSeconds(-1), clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
