package dev.sipyard.sip.guard;

import dev.sipyard.common.IpNetworks;
import dev.sipyard.config.SipSettings;
import dev.sipyard.store.SharedCounters;
import dev.sipyard.metrics.SipAuthMeters;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed authentications per source address and per username over a sliding window.
 * An address that reaches the threshold is banned. A username that reaches it is "under
 * attack": from then on, for the window, any address that fails for it is banned at its first
 * failure. The username itself is never locked, so a guessing run cannot lock out the real
 * device. Addresses on the allow-list are counted but never banned. The failures other nodes on
 * the same database counted within the window are added ({@link SharedCounters}): a guesser
 * spread over N nodes gets no N times the attempts.
 */
public final class BruteForceGuard {
    private static final Logger log = LoggerFactory.getLogger(BruteForceGuard.class);
    private static final int MAX_KEYS = 200_000;

    private final BanStore bans;
    private final IpNetworks allow;
    private final Clock clock;
    private final int threshold;
    private final long windowMillis;
    private final long banMinMillis;
    private final long banMaxMillis;
    private final ConcurrentHashMap<String, ArrayDeque<Long>> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ArrayDeque<Long>> byUser = new ConcurrentHashMap<>();
    /** The projects each counted address failed against: a ban is shown to all of them. */
    private final ConcurrentHashMap<String, Set<String>> targets = new ConcurrentHashMap<>();
    private final SharedCounters.Counter sharedByAddress;
    private final SharedCounters.Counter sharedByUser;

    private final SipAuthMeters meters;

    public BruteForceGuard(SipSettings settings, BanStore bans, Clock clock) {
        this(settings, bans, clock, SharedCounters.none(), SipAuthMeters.unread());
    }

    /**
     * A guard that adds up its failure counts with the other nodes' through {@code shared} and
     * counts the bans it decides in {@code meters}.
     */
    public BruteForceGuard(SipSettings settings, BanStore bans, Clock clock, SharedCounters shared,
                           SipAuthMeters meters) {
        this.meters = meters;
        this.bans = bans;
        this.allow = IpNetworks.of(settings.allowList());
        this.clock = clock;
        this.threshold = settings.guardThreshold();
        this.windowMillis = settings.guardWindowSeconds() * 1000L;
        this.banMinMillis = settings.banMinSeconds() * 1000L;
        this.banMaxMillis = settings.banMaxSeconds() * 1000L;
        Duration window = Duration.ofSeconds(settings.guardWindowSeconds());
        this.sharedByAddress = shared.counter("sip-failures-by-address", window);
        this.sharedByUser = shared.counter("sip-failures-by-user", window);
    }

    /** True when requests from {@code address} must be refused without looking at them. */
    public boolean isBanned(String address) {
        return !allow.contains(address) && bans.isBanned(address);
    }

    /**
     * Records a failed authentication of {@code address} for {@code userKey} (a username in a
     * project or domain) and bans the address when a threshold is reached.
     */
    public void failure(String address, String userKey, String username, String projectId) {
        long now = clock.millis();
        sharedByAddress.record(address);
        sharedByUser.record(userKey);
        int fromAddress = count(byAddress, address, now) + sharedByAddress.others(address);
        int forUser = userKey == null ? 0 : count(byUser, userKey, now) + sharedByUser.others(userKey);
        if (projectId != null) {
            targets.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet()).add(projectId);
        }
        if (allow.contains(address)) {
            return;
        }
        String reason = null;
        int failures = fromAddress;
        if (fromAddress >= threshold) {
            reason = fromAddress + " failed authentications within " + windowMillis / 1000 + " s";
        } else if (forUser >= threshold) {
            reason = "failed authentication for username " + username + " while it was under attack ("
                    + forUser + " failures within " + windowMillis / 1000 + " s)";
        }
        if (reason != null && !bans.isBanned(address)) {
            SipBan ban = bans.ban(address, reason, failures, Set.copyOf(targets.getOrDefault(address, Set.of())),
                    banMinMillis, banMaxMillis);
            meters.banned();
            log.warn("SIP source {} banned until {}: {}", address, java.time.Instant.ofEpochMilli(ban.bannedUntil()),
                    reason);
        }
    }

    /** Forgets the failures counted for an address (its ban was lifted). */
    public void forget(String address) {
        byAddress.remove(address);
        sharedByAddress.forget(address);
        targets.remove(address);
    }

    /** Drops counters with no failure inside the window. */
    public void purge() {
        long cutoff = clock.millis() - windowMillis;
        for (var map : java.util.List.of(byAddress, byUser)) {
            map.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    Long last = e.getValue().peekLast();
                    return last == null || last < cutoff;
                }
            });
        }
        targets.keySet().removeIf(a -> !byAddress.containsKey(a));
    }

    private int count(ConcurrentHashMap<String, ArrayDeque<Long>> map, String key, long now) {
        if (map.size() > MAX_KEYS) {
            purge();
        }
        ArrayDeque<Long> times = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
                times.pollFirst();
            }
            while (times.size() > threshold * 2) {
                times.pollFirst();
            }
            return times.size();
        }
    }
}
