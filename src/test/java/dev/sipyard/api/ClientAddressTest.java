package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.common.IpNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that picks the client's address from the TCP peer and X-Forwarded-For. */
class ClientAddressTest {
    private static final IpNetworks PROXIES = IpNetworks.parse("10.0.0.0/8, 2001:db8:f::/48");

    private static String client(String peer, String... forwardedFor) {
        return ClientAddress.resolve(peer, List.of(forwardedFor), PROXIES);
    }

    @Test
    void withNoTrustedProxyTheHeaderIsIgnored() {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("203.0.113.5"), IpNetworks.NONE)).isEqualTo("10.0.0.1");
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertThat(client("198.51.100.7", "203.0.113.5")).isEqualTo("198.51.100.7");
        assertThat(client("198.51.100.7", "10.0.0.3")).isEqualTo("198.51.100.7");
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        assertThat(client("10.0.0.1", "203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(client("10.0.0.1", " 203.0.113.5 ")).isEqualTo("203.0.113.5");
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedFromTheRight() {
        assertThat(client("10.0.0.1", "203.0.113.5, 10.2.0.1, 10.3.0.1")).isEqualTo("203.0.113.5");
        // a proxy may add its own header line instead of extending the first
        assertThat(client("10.0.0.1", "203.0.113.5, 10.2.0.1", "10.3.0.1")).isEqualTo("203.0.113.5");
    }

    @Test
    void whatTheClientWroteLeftOfItsOwnAddressIsNeverBelieved() {
        // the client sent "X-Forwarded-For: 192.0.2.66, 10.9.9.9"; the proxy appended the real peer
        assertThat(client("10.0.0.1", "192.0.2.66, 10.9.9.9, 203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(client("10.0.0.1", "192.0.2.66", "203.0.113.5")).isEqualTo("203.0.113.5");
    }

    @Test
    void ipv6ClientsAndProxies() {
        assertThat(client("2001:db8:f::1", "2001:DB8:1::5")).isEqualTo("2001:db8:1:0:0:0:0:5");
        assertThat(client("[2001:db8:f::1]", "2001:db8:1::5, 2001:db8:f::2")).isEqualTo("2001:db8:1:0:0:0:0:5");
        assertThat(client("::ffff:10.0.0.1", "203.0.113.5")).isEqualTo("203.0.113.5");
    }

    @Test
    void portsSomeProxiesAddAreDropped() {
        assertThat(client("10.0.0.1", "203.0.113.5:51234")).isEqualTo("203.0.113.5");
        assertThat(client("10.0.0.1", "[2001:db8:1::5]:51234")).isEqualTo("2001:db8:1:0:0:0:0:5");
        assertThat(client("10.0.0.1", "[2001:db8:1::5]")).isEqualTo("2001:db8:1:0:0:0:0:5");
    }

    @Test
    void aMalformedEntryEndsTheWalkAtTheLastTrustedHop() {
        assertThat(client("10.0.0.1", "unknown")).isEqualTo("10.0.0.1");
        assertThat(client("10.0.0.1", "203.0.113.5, garbage, 10.2.0.1")).isEqualTo("10.2.0.1");
        assertThat(client("10.0.0.1", "")).isEqualTo("10.0.0.1");
        assertThat(client("10.0.0.1", "203.0.113.5,")).isEqualTo("10.0.0.1");
        assertThat(client("10.0.0.1", "example.com")).isEqualTo("10.0.0.1");
        assertThat(client("10.0.0.1", "[2001:db8:1::5")).isEqualTo("10.0.0.1");
        assertThat(client("10.0.0.1", "1.2.3.4.5")).isEqualTo("10.0.0.1");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertThat(client("10.0.0.1", "10.5.0.1, 10.6.0.1")).isEqualTo("10.5.0.1");
        assertThat(client("10.0.0.1")).isEqualTo("10.0.0.1");
    }
}
