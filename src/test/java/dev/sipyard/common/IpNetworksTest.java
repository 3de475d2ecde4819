package dev.sipyard.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpNetworksTest {

    @Test
    void ipv4NetworksAndSingleAddresses() {
        IpNetworks n = IpNetworks.parse(" 10.0.0.0/8, 192.168.1.7 ,172.16.0.0/12,,");
        assertThat(n.contains("10.255.3.4")).isTrue();
        assertThat(n.contains("11.0.0.1")).isFalse();
        assertThat(n.contains("192.168.1.7")).isTrue();
        assertThat(n.contains("192.168.1.8")).isFalse();
        assertThat(n.contains("172.31.255.255")).isTrue();
        assertThat(n.contains("172.32.0.0")).isFalse();
        assertThat(n.toString()).isEqualTo("10.0.0.0/8,192.168.1.7,172.16.0.0/12");
    }

    @Test
    void prefixesThatAreNotWholeBytes() {
        IpNetworks n = IpNetworks.parse("198.51.100.64/27");
        assertThat(n.contains("198.51.100.64")).isTrue();
        assertThat(n.contains("198.51.100.95")).isTrue();
        assertThat(n.contains("198.51.100.96")).isFalse();
        assertThat(n.contains("198.51.100.63")).isFalse();
    }

    @Test
    void ipv6NetworksInAnySpellingAndInBrackets() {
        IpNetworks n = IpNetworks.parse("2001:db8::/32, ::1, fd00:0:0:1::/64");
        assertThat(n.contains("2001:0DB8:ffff::1")).isTrue();
        assertThat(n.contains("[2001:db8::5]")).isTrue();
        assertThat(n.contains("2001:db9::1")).isFalse();
        assertThat(n.contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(n.contains("fd00::1:abcd:0:0:1")).isTrue();
        assertThat(n.contains("fd00::2:0:0:0:1")).isFalse();
        // an IPv4 address is never inside an IPv6 network, nor the reverse
        assertThat(n.contains("127.0.0.1")).isFalse();
        assertThat(IpNetworks.parse("0.0.0.0/0").contains("::1")).isFalse();
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4AddressItMaps() {
        IpNetworks n = IpNetworks.parse("10.0.0.0/8");
        assertThat(n.contains("::ffff:10.1.2.3")).isTrue();
        assertThat(IpNetworks.canonical("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(IpNetworks.canonical("2001:DB8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void zeroPrefixMatchesEveryAddressOfItsFamily() {
        assertThat(IpNetworks.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThat(IpNetworks.parse("::/0").contains("2001:db8::9")).isTrue();
    }

    @Test
    void malformedEntriesAreRefusedNamingThem() {
        for (String bad : List.of("10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0",
                "256.1.1.1", "010.0.0.1", "1", "example.com", "cafe", "10.0.0.0/ 8", "2001:db8:::1", "fe80::1%eth0",
                "10.0.0.0/abc")) {
            assertThatThrownBy(() -> IpNetworks.parse("127.0.0.1," + bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.trim());
        }
    }

    @Test
    void whatIsNotAnAddressIsInNoNetworkAndNeverLookedUp() {
        IpNetworks all = IpNetworks.parse("0.0.0.0/0, ::/0");
        for (String notAnAddress : List.of("", "unknown", "localhost", "beef", "dead:beef", "1.2.3", "1.2.3.4.5",
                "_hidden", "[::1", "1.2.3.4:80")) {
            assertThat(all.contains(notAnAddress)).as(notAnAddress).isFalse();
            assertThat(IpNetworks.address(notAnAddress)).as(notAnAddress).isNull();
        }
        assertThat(all.contains(null)).isFalse();
    }

    @Test
    void noNetworksContainNothing() {
        assertThat(IpNetworks.parse(null).isEmpty()).isTrue();
        assertThat(IpNetworks.parse(" , ").isEmpty()).isTrue();
        assertThat(IpNetworks.NONE.contains("127.0.0.1")).isFalse();
    }
}
