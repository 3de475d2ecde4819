package dev.sipyard.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.location.Binding;
import dev.sipyard.testing.MovingClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pass a node gives an INVITE it relays, and when a call is relayed at all: pure rules. */
class RelayPassTest {
    private static final byte[] KEY = "a key the nodes share, 32 bytes!".getBytes(StandardCharsets.UTF_8);
    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final RelayPass passes = new RelayPass(KEY, clock);

    @Test
    void aPassLetsItsOwnCallRingItsOwnBinding() {
        String pass = passes.issue("binding-1", "call-1@phone");
        assertThat(passes.check(pass, "call-1@phone")).contains("binding-1");
    }

    @Test
    void aPassIsWorthNothingForAnotherCallAnotherBindingOrAnotherKey() {
        String pass = passes.issue("binding-1", "call-1@phone");
        assertThat(passes.check(pass, "call-2@phone")).isEmpty();
        assertThat(passes.check(pass.replace("binding-1", "binding-2"), "call-1@phone")).isEmpty();
        RelayPass otherCluster = new RelayPass("another cluster's key, 32 bytes".getBytes(StandardCharsets.UTF_8),
                clock);
        assertThat(otherCluster.check(pass, "call-1@phone")).isEmpty();
    }

    @Test
    void aPassExpires() {
        String pass = passes.issue("binding-1", "call-1@phone");
        clock.advance(Duration.ofSeconds(RelayPass.VALID_SECONDS));
        assertThat(passes.check(pass, "call-1@phone")).isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(passes.check(pass, "call-1@phone")).isEmpty();
    }

    @Test
    void malformedPassesAreRefusedWithoutAnError() {
        for (String bad : new String[] {null, "", "binding=b", "binding=b;t=x;sig=00", "binding=b;t=1;sig=zz",
                "binding=;t=1;sig=00", "sig", "binding=b;t=1;sig=00;extra=1", "x".repeat(300)}) {
            assertThat(passes.check(bad, "call-1@phone")).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void onlyConnectionsHeldByAnotherNodeAreRelayed() {
        String here = "10.0.0.1:5060";
        String there = "10.0.0.2:5060";
        assertThat(NodeRelays.relayNode(binding("TCP", there), here)).isEqualTo(there);
        assertThat(NodeRelays.relayNode(binding("WSS", there), here)).isEqualTo(there);
        assertThat(NodeRelays.relayNode(binding("TCP", here), here)).as("its connection is here").isNull();
        assertThat(NodeRelays.relayNode(binding("UDP", there), here)).as("any node reaches UDP").isNull();
        assertThat(NodeRelays.relayNode(binding("TLS", null), here)).as("stored before nodes were recorded").isNull();
    }

    private static Binding binding(String transport, String node) {
        return new Binding("b", "e", "p", "sip:bob@192.0.2.7:5062", "c", 1, transport, "192.0.2.7", 5062, "phone", 1,
                0, 60_000, node);
    }
}
