package dev.sipyard.sip.transport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks free ports for "port 0" settings (JAIN-SIP needs a real port number) and checks a port before binding. */
final class FreePorts {
    private FreePorts() {}

    static int tcp(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        }
    }

    /** A port free for both UDP and TCP on {@code host}. */
    static int udpAndTcp(String host) throws IOException {
        InetAddress a = InetAddress.getByName(host);
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(a, 0))) {
                int port = d.getLocalPort();
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(a, port));
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP on " + host);
    }

    /** Why {@code host:port} cannot be bound for {@code transport}, or null when it can. */
    static String cannotBind(String host, int port, String transport) {
        try {
            InetAddress a = InetAddress.getByName(host);
            if (transport.equals("UDP")) {
                try (DatagramSocket d = new DatagramSocket(null)) {
                    d.setReuseAddress(false);
                    d.bind(new InetSocketAddress(a, port));
                }
            } else {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(new InetSocketAddress(a, port));
                }
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
