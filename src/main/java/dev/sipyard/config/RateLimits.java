package dev.sipyard.config;

import java.time.Duration;

/**
 * Request budgets of the REST API, counted in memory on each node.
 *
 * @param writes       writes (POST, PUT, PATCH, DELETE) per project per {@code window}; 0 = unlimited
 * @param reads        reads (GET) per project per {@code window}; 0 = unlimited
 * @param window       the window both budgets are counted over
 * @param authFailures failed authentications per client address per {@code authWindow}; 0 = unlimited
 * @param authWindow   the window failed authentications are counted over
 */
public record RateLimits(int writes, int reads, Duration window, int authFailures, Duration authWindow) {

    public static final RateLimits DEFAULTS = new RateLimits(10_000, 0, Duration.ofSeconds(10), 20,
            Duration.ofMinutes(1));
}
