package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.config.HostPort;
import dev.sipyard.config.SipSettings;
import dev.sipyard.sip.SipServers.SipServer;
import dev.sipyard.sip.transport.SipStack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address and port the profile publishes for each SIP listener (no server needed). */
class SipServersTest {

    @Test
    void everyListenerThatIsOnIsListedWithItsBoundPortInTransportOrder() {
        SipSettings sip = settings(new HostPort("192.0.2.10", 0), new HostPort("192.0.2.11", 5061),
                new HostPort("192.0.2.10", 0), new HostPort("192.0.2.12", 7443));
        var servers = SipServers.of(sip, "sip.example.com", new SipStack.Ports(40001, 40001, 5061, 40002, 7443));
        assertThat(servers).containsExactly(
                new SipServer("udp", "192.0.2.10", 40001),
                new SipServer("tcp", "192.0.2.10", 40001),
                new SipServer("tls", "192.0.2.11", 5061),
                new SipServer("ws", "192.0.2.10", 40002),
                new SipServer("wss", "192.0.2.12", 7443));
    }

    @Test
    void listenersThatAreOffAreAbsent() {
        SipSettings sip = settings(new HostPort("127.0.0.1", 5060), null, new HostPort("127.0.0.1", 5066), null);
        var servers = SipServers.of(sip, "sip.example.com", new SipStack.Ports(5060, 5060, null, 5066, null));
        assertThat(servers).extracting(SipServer::transport).containsExactly("udp", "tcp", "ws");
    }

    @Test
    void aWildcardListenerIsReachedThroughTheSipDomain() {
        SipSettings sip = settings(new HostPort("0.0.0.0", 5060), new HostPort("::", 5061), null,
                new HostPort("0:0:0:0:0:0:0:0", 7443));
        var servers = SipServers.of(sip, "sip.example.com", new SipStack.Ports(5060, 5060, 5061, null, 7443));
        assertThat(servers).extracting(SipServer::host).containsOnly("sip.example.com");
        assertThat(servers).extracting(SipServer::port).containsExactly(5060, 5060, 5061, 7443);
    }

    @Test
    void anIpv6ListenerKeepsItsAddress() {
        SipSettings sip = settings(new HostPort("::1", 5060), null, null, null);
        var servers = SipServers.of(sip, "sip.example.com", new SipStack.Ports(5060, 5060, null, null, null));
        assertThat(servers).extracting(SipServer::host).containsOnly("::1");
    }

    private static SipSettings settings(HostPort addr, HostPort tls, HostPort ws, HostPort wss) {
        return new SipSettings(addr, tls, ws, wss, null, null, 60, 3600, 10, 300, 10, 60, 300, 86_400, List.of(),
                4096, 120, 8, List.of("MD5"), null);
    }
}
