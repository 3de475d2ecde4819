package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.HttpResult;
import java.time.Duration;

/** Awaiting a revoked token's refusal by running servers, with the bound the API promises as the deadline. */
final class Revocations {
    /** A token revoked anywhere is refused by every server within this long (API tokens are checked at most this stale). */
    static final Duration BOUND = Duration.ofSeconds(1);

    private Revocations() {}

    /**
     * Asks each client's server for {@code path} until it answers 401. Fails if a request that
     * started more than {@link #BOUND} after {@code revokedAtNanos} (a {@link System#nanoTime()}
     * taken once the revocation had committed) was still answered 200, or on any other status.
     */
    static void awaitRefused(long revokedAtNanos, String path, ApiClient... clients) {
        for (ApiClient client : clients) {
            while (true) {
                long started = System.nanoTime();
                HttpResult r = client.get(path);
                if (r.status() == 401) {
                    break;
                }
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                long lateMillis = Duration.ofNanos(started - revokedAtNanos).toMillis();
                if (lateMillis > BOUND.toMillis()) {
                    fail(client.baseUrl() + " still accepted the revoked token in a request started "
                            + lateMillis + " ms after the revocation");
                }
                SipyardProcess.sleep(10); // poll interval, not a wait for the outcome
            }
        }
    }
}
