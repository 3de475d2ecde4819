package dev.sipyard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A bare SIP transport for tests: sends raw messages over UDP or TCP from a chosen loopback
 * address and reads responses. It knows no SIP beyond framing; {@link SipPhone} builds requests.
 */
public final class SipTestClient implements AutoCloseable {
    private final String transport;
    private final InetSocketAddress server;
    private final DatagramSocket udp;
    private final Socket tcp;
    private final InputStream tcpIn;
    private final java.net.http.WebSocket ws;
    private final java.util.concurrent.BlockingQueue<String> wsIn = new java.util.concurrent.LinkedBlockingQueue<>();
    private int wsLocalPort;
    private boolean repliesToRequestSource;
    private volatile InetSocketAddress lastRequestSource;

    private SipTestClient(String transport, String localIp, String serverIp, int port) {
        this.transport = transport;
        this.server = new InetSocketAddress(serverIp, port);
        try {
            if (transport.equals("UDP")) {
                udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localIp), 0));
                udp.setSoTimeout(5000);
                tcp = null;
                tcpIn = null;
                ws = null;
            } else if (transport.equals("WS") || transport.equals("WSS")) {
                udp = null;
                tcp = null;
                tcpIn = null;
                boolean secure = transport.equals("WSS");
                var http = java.net.http.HttpClient.newBuilder();
                if (secure) {
                    http.sslContext(trustingContext());
                }
                ws = http.build().newWebSocketBuilder().subprotocols("sip")
                        .buildAsync(java.net.URI.create((secure ? "wss://" : "ws://") + serverIp + ":" + port),
                                new WsListener())
                        .get(5, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                udp = null;
                ws = null;
                tcp = transport.equals("TLS") ? trustingTls().createSocket() : new Socket();
                tcp.bind(new InetSocketAddress(InetAddress.getByName(localIp), 0));
                tcp.connect(server, 5000);
                tcp.setSoTimeout(5000);
                tcpIn = tcp.getInputStream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects the text frames the server sends (each one SIP message). */
    private final class WsListener implements java.net.http.WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data,
                                                              boolean last) {
            partial.append(data);
            if (last) {
                wsIn.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    /** A TLS socket factory that trusts the server's self-signed test certificate. */
    private static javax.net.ssl.SSLSocketFactory trustingTls() throws Exception {
        return trustingContext().getSocketFactory();
    }

    /** A TLS context that trusts the server's self-signed test certificate (its names are still checked over WSS). */
    private static javax.net.ssl.SSLContext trustingContext() throws Exception {
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        return ctx;
    }

    public static SipTestClient udp(int serverPort) {
        return new SipTestClient("UDP", "127.0.0.1", "127.0.0.1", serverPort);
    }

    public static SipTestClient tcp(int serverPort) {
        return new SipTestClient("TCP", "127.0.0.1", "127.0.0.1", serverPort);
    }

    /** A client whose packets come from {@code localIp} (any 127.x.y.z works on Linux loopback). */
    public static SipTestClient of(String transport, String localIp, int serverPort) {
        return new SipTestClient(transport.toUpperCase(Locale.ROOT), localIp, "127.0.0.1", serverPort);
    }

    /** A client of the server at {@code serverIp} (several nodes listen on 127.0.0.2, 127.0.0.3, ...). */
    public static SipTestClient to(String transport, String localIp, String serverIp, int serverPort) {
        return new SipTestClient(transport.toUpperCase(Locale.ROOT), localIp, serverIp, serverPort);
    }

    /**
     * Over UDP, sends responses to where the last request came from rather than to the server this
     * client was made for: a phone registered through one node answers a call another node sent it.
     */
    public SipTestClient repliesToRequestSource() {
        this.repliesToRequestSource = true;
        return this;
    }

    public String transport() {
        return transport;
    }

    public String localAddress() {
        if (ws != null) {
            return "127.0.0.1";
        }
        return udp != null ? udp.getLocalAddress().getHostAddress() : tcp.getLocalAddress().getHostAddress();
    }

    /** The local port (for WebSocket a made-up one: the JDK client does not tell its port; WS phones use .invalid hosts). */
    public int localPort() {
        if (ws != null) {
            if (wsLocalPort == 0) {
                wsLocalPort = 40000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(20000);
            }
            return wsLocalPort;
        }
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    public InetSocketAddress server() {
        return server;
    }

    public void sendRaw(byte[] bytes) {
        TestSecrets.recordSrtpKeys(new String(bytes, StandardCharsets.UTF_8));
        try {
            if (ws != null) {
                ws.sendText(new String(bytes, StandardCharsets.UTF_8), true).get(5, java.util.concurrent.TimeUnit.SECONDS);
                return;
            }
            if (udp != null) {
                InetSocketAddress to = server;
                if (repliesToRequestSource && lastRequestSource != null && startsWith(bytes, "SIP/2.0 ")) {
                    to = lastRequestSource;
                }
                udp.send(new DatagramPacket(bytes, bytes.length, to));
            } else {
                tcp.getOutputStream().write(bytes);
                tcp.getOutputStream().flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Sends a request and returns the first final response (1xx skipped), or null after the timeout. */
    public SipResponse request(String message, int timeoutMillis) {
        sendRaw(message.getBytes(StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            SipResponse r = receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (r == null) {
                return null;
            }
            if (r.status() >= 200) {
                return r;
            }
        }
        return null;
    }

    public SipResponse request(String message) {
        return request(message, 5000);
    }

    /** The next message from the server, or null on timeout. */
    public SipResponse receive(int timeoutMillis) {
        String raw = receiveRaw(timeoutMillis);
        return raw == null ? null : SipResponse.parse(raw);
    }

    /** The text of the next message (request or response) from the server, or null on timeout. */
    public String receiveRaw(int timeoutMillis) {
        String raw = receiveRawOnce(timeoutMillis);
        TestSecrets.recordSrtpKeys(raw);
        return raw;
    }

    private String receiveRawOnce(int timeoutMillis) {
        if (ws != null) {
            try {
                return wsIn.poll(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        try {
            if (udp != null) {
                udp.setSoTimeout(timeoutMillis);
                byte[] buf = new byte[65535];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (!text.startsWith("SIP/2.0 ")) {
                    lastRequestSource = (InetSocketAddress) p.getSocketAddress();
                }
                return text;
            }
            tcp.setSoTimeout(timeoutMillis);
            return readTcp();
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readTcp() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = tcpIn.read();
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // keep-alive CRLF
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : b == '\r' ? 1 : 0;
        }
        String headers = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("content-length:") || l.startsWith("l:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        byte[] body = tcpIn.readNBytes(length);
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (ws != null) {
            ws.abort();
            return;
        }
        try {
            if (udp != null) {
                udp.close();
            } else {
                tcp.close();
            }
        } catch (IOException ignored) {
            // closing
        }
    }
}
