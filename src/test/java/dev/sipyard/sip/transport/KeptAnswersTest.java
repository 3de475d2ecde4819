package dev.sipyard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeptAnswersTest {
    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-03T10:00:00Z"));

    @Test
    void aRequestIsNewThenDroppedWhileInHandThenAnsweredWithWhatWasKept() {
        KeptAnswers kept = new KeptAnswers(32_000, 4, 1 << 20, clock);
        assertThat(kept.begin(5)).isInstanceOf(KeptAnswers.Seen.New.class);
        assertThat(kept.begin(5)).isInstanceOf(KeptAnswers.Seen.Drop.class);
        assertThat(kept.begin(6)).isInstanceOf(KeptAnswers.Seen.New.class);
        kept.answered(5, new byte[] {1, 2, 3});
        assertThat(answer(kept.begin(5))).containsExactly(1, 2, 3);
        assertThat(kept.begin(6)).isInstanceOf(KeptAnswers.Seen.Drop.class);
    }

    @Test
    void anAnswerLivesAtLeastTheWindowAndAtMostOneGenerationLonger() {
        KeptAnswers kept = new KeptAnswers(32_000, 4, 1 << 20, clock);
        kept.begin(1);
        kept.answered(1, new byte[] {9});
        long elapsed = 0;
        for (long at : new long[] {8_000, 16_000, 24_000, 31_999}) {
            clock.advance(Duration.ofMillis(at - elapsed));
            elapsed = at;
            assertThat(kept.begin(1)).as("at %d ms", at).isInstanceOf(KeptAnswers.Seen.Answered.class);
        }
        clock.advance(Duration.ofMillis(40_000 - elapsed));
        assertThat(kept.begin(1)).isInstanceOf(KeptAnswers.Seen.New.class);
    }

    @Test
    void aRequestBegunBeforeARotationIsAnsweredAfterIt() {
        KeptAnswers kept = new KeptAnswers(32_000, 4, 1 << 20, clock);
        kept.begin(3);
        clock.advance(Duration.ofSeconds(8));
        kept.begin(4); // rotates: 3 is pending in an older generation now
        kept.answered(3, new byte[] {7});
        assertThat(answer(kept.begin(3))).containsExactly(7);
    }

    @Test
    void pastTheLimitAnAnswerIsNotKeptAndItsRetransmissionIsDropped() {
        KeptAnswers kept = new KeptAnswers(32_000, 4, KeptAnswers.CHUNK_BYTES, clock);
        byte[] big = new byte[60_000];
        for (int i = 0; i < 5; i++) {
            kept.begin(i);
            kept.answered(i, big);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(kept.begin(i)).isInstanceOf(KeptAnswers.Seen.Answered.class);
        }
        assertThat(kept.notKept()).isEqualTo(1);
        assertThat(kept.begin(4)).isInstanceOf(KeptAnswers.Seen.Drop.class);
        assertThat(kept.begin(4)).isInstanceOf(KeptAnswers.Seen.Drop.class);

        // once the window has passed the chunk is free again: nothing more is allocated
        clock.advance(Duration.ofSeconds(40));
        kept.begin(100);
        kept.answered(100, big);
        assertThat(kept.begin(100)).isInstanceOf(KeptAnswers.Seen.Answered.class);
        assertThat(kept.chunkBytes()).isEqualTo(KeptAnswers.CHUNK_BYTES);
        assertThat(kept.notKept()).isEqualTo(1);
    }

    @Test
    void manyRequestsEachGetTheirOwnAnswer() {
        long seed = System.nanoTime();
        System.out.println("KeptAnswersTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        KeptAnswers kept = new KeptAnswers(32_000, 4, 64 << 20, clock);
        long[] keys = new long[200_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
            if (i % 50_000 == 0) {
                clock.advance(Duration.ofSeconds(8)); // spread over generations, all within the window
            }
            assertThat(kept.begin(keys[i])).isInstanceOf(KeptAnswers.Seen.New.class);
            kept.answered(keys[i], answerOf(i));
        }
        assertThat(kept.size()).isEqualTo(keys.length);
        for (int i = 0; i < keys.length; i++) {
            KeptAnswers.Seen seen = kept.begin(keys[i]);
            if (!(seen instanceof KeptAnswers.Seen.Answered a) || !Arrays.equals(a.answer(), answerOf(i))) {
                throw new AssertionError("request " + i + " (seed " + seed + ") got " + seen);
            }
        }
    }

    private static byte[] answer(KeptAnswers.Seen seen) {
        assertThat(seen).isInstanceOf(KeptAnswers.Seen.Answered.class);
        return ((KeptAnswers.Seen.Answered) seen).answer();
    }

    private static byte[] answerOf(int i) {
        byte[] b = new byte[1 + i % 300];
        Arrays.fill(b, (byte) i);
        return b;
    }
}
