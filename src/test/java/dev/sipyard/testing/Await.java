package dev.sipyard.testing;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition instead of sleeping a fixed time: the one polling loop of the tests. */
public final class Await {
    /** How long {@link #until} waits before it fails the test. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private Await() {}

    /** Fails the test, naming what did not happen, unless the condition holds within {@link #PATIENCE}. */
    public static void until(String what, BooleanSupplier condition) {
        if (!await(condition, PATIENCE.toMillis())) {
            fail("gave up after " + PATIENCE.toSeconds() + " s waiting for: " + what);
        }
    }

    /** True as soon as the condition holds; false when it still does not after {@code millis}. */
    public static boolean await(BooleanSupplier condition, long millis) {
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
