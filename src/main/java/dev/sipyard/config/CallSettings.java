package dev.sipyard.config;

import java.time.Duration;

/**
 * How calls are routed and how webhooks are sent.
 *
 * @param ringTimeout            how long an endpoint rings before the caller gets 480 (a {@code <Dial timeout>} overrides it)
 * @param maxConcurrentPerEndpoint calls one endpoint may have in progress at once (then 503 with Retry-After)
 * @param maxRatePerEndpoint     new calls one endpoint may place per second (then 503 with Retry-After)
 * @param webhookAllowLinkLocal  whether documents and callbacks may go to link-local or cloud metadata addresses
 * @param outboxRetryMax         the longest pause between two attempts to deliver a status callback
 * @param outboxRetryFor         how long a status callback is retried before it is given up (logged)
 */
public record CallSettings(
        Duration ringTimeout,
        int maxConcurrentPerEndpoint,
        int maxRatePerEndpoint,
        boolean webhookAllowLinkLocal,
        Duration outboxRetryMax,
        Duration outboxRetryFor) {

    public static final CallSettings DEFAULTS = new CallSettings(Duration.ofSeconds(30), 10, 5, false,
            Duration.ofMinutes(5), Duration.ofHours(24));
}
