package dev.sipyard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {
    private final AddressGuard strict = new AddressGuard(false);
    private final AddressGuard open = new AddressGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "169.254.255.255", "fe80::1", "febf::1",
            "fd00:ec2::254", "100.100.100.200", "0.0.0.0", "::", "::ffff:169.254.169.254"})
    void refusedUnlessLinkLocalIsAllowed(String ip) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        assertThat(strict.refusal(a)).as(ip).isNotNull();
        assertThat(open.refusal(a)).as(ip).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.1.2.3", "192.168.1.1", "172.16.0.1", "fd00::1",
            "100.100.100.201", "169.253.255.255", "169.255.0.1", "8.8.8.8", "fec0::1"})
    void loopbackPrivateAndPublicAddressesAreAllowed(String ip) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(ip))).as(ip).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "[fd00:ec2::254]", "0.0.0.0"})
    void literalHostsAreCheckedToo(String host) throws Exception {
        assertThat(strict.refusal(host)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1"})
    void localHostsPass(String host) throws Exception {
        assertThat(strict.refusal(host)).isNull();
    }
}
