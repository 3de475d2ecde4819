package dev.sipyard.sip;

import dev.sipyard.config.HostPort;
import dev.sipyard.config.SipSettings;
import dev.sipyard.sip.transport.SipStack;
import java.util.ArrayList;
import java.util.List;

/**
 * Where phones reach this node: one entry per SIP listener that is on, with the address a phone
 * should use and the port actually bound. The settings name no separate public SIP address (Via
 * and Record-Route carry the listener's own address), so the address is the listener's host; a
 * wildcard listener (0.0.0.0, ::) is reached through the server's SIP domain, which is meant to
 * resolve to this server (it and its subdomains are in the TLS certificate).
 */
public final class SipServers {
    /** One listener as a phone sees it: transport in lower case (udp, tcp, tls, ws, wss), host, port. */
    public record SipServer(String transport, String host, int port) {}

    private SipServers() {}

    /** The listeners of {@code sip} that are on, in the order udp, tcp, tls, ws, wss, with their bound ports. */
    public static List<SipServer> of(SipSettings sip, String sipDomain, SipStack.Ports ports) {
        List<SipServer> out = new ArrayList<>();
        out.add(new SipServer("udp", address(sip.addr(), sipDomain), ports.udp()));
        out.add(new SipServer("tcp", address(sip.addr(), sipDomain), ports.tcp()));
        add(out, "tls", sip.tlsAddr(), ports.tls(), sipDomain);
        add(out, "ws", sip.wsAddr(), ports.ws(), sipDomain);
        add(out, "wss", sip.wssAddr(), ports.wss(), sipDomain);
        return List.copyOf(out);
    }

    private static void add(List<SipServer> out, String transport, HostPort addr, Integer port, String sipDomain) {
        if (addr != null && port != null) {
            out.add(new SipServer(transport, address(addr, sipDomain), port));
        }
    }

    private static String address(HostPort listener, String sipDomain) {
        return isWildcard(listener.host()) ? sipDomain : listener.host();
    }

    static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }
}
