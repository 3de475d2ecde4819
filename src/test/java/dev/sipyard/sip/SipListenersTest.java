package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipyard.config.SettingsException;
import dev.sipyard.config.SettingsLoader;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestServer;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The listeners: bound ports, one clear line when a port is taken, the TLS certificate kept or taken from settings. */
class SipListenersTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTakenPortStopsTheStartWithOneClearLine(Backend backend) throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> TestServer.start(backend, Map.of("SIPYARD_SIP_ADDR", "127.0.0.1:" + port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("SIP listener UDP 127.0.0.1:" + port + " cannot start: ")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void badSipSettingsAreRefusedInOneLine() {
        Map<String, String> env = new HashMap<>();
        env.put(SettingsLoader.DATA_DIR, "/tmp/sipyard-settings-test");
        for (var bad : Map.of("SIPYARD_SIP_ADDR", "nonsense", "SIPYARD_SIP_MIN_EXPIRES", "0",
                "SIPYARD_SIP_ALLOW", "10.0.0.0/99", "SIPYARD_SIP_DIGEST_ALGORITHMS", "MD5,SHA-1",
                "SIPYARD_SIP_TLS_CERT", "/no/such/file.pem").entrySet()) {
            Map<String, String> e = new HashMap<>(env);
            e.put(bad.getKey(), bad.getValue());
            assertThatThrownBy(() -> SettingsLoader.load(e)).isInstanceOf(SettingsException.class)
                    .hasMessageContaining(bad.getKey()).hasMessageNotContaining("\n");
        }
        var sip = SettingsLoader.load(env).sip();
        assertThat(sip.addr().toString()).isEqualTo("127.0.0.1:5060");
        assertThat(sip.tlsAddr().port()).isEqualTo(5061);
        assertThat(sip.minExpires()).isEqualTo(60);
        assertThat(sip.maxExpires()).isEqualTo(3600);
        assertThat(sip.maxContacts()).isEqualTo(10);
        assertThat(sip.guardThreshold()).isEqualTo(10);
        assertThat(sip.banMinSeconds()).isEqualTo(300);
        assertThat(sip.banMaxSeconds()).isEqualTo(86_400);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theSelfSignedCertificateIsKeptAcrossRestartsAndAnOperatorCertificateIsServed(Backend backend)
            throws Exception {
        TestServer first = TestServer.start(backend, TestServer.ALL_SIP_LISTENERS);
        Path cert = first.dataDir().resolve("sip-tls-cert.pem");
        String generated;
        try {
            generated = Files.readString(cert);
            assertThat(presented(first.sipPorts().tls(), cert)).isEqualTo(load(cert));
            assertThat(Files.readString(first.dataDir().resolve("sip-tls-key.pem"))).contains("PRIVATE KEY");
        } finally {
            first.close();
        }
        try (TestServer again = first.restart(TestServer.ALL_SIP_LISTENERS)) {
            assertThat(Files.readString(cert)).isEqualTo(generated);
            assertThat(presented(again.sipPorts().wss(), cert)).isEqualTo(load(cert));
        }
        // the operator's PEM pair: here, one generated elsewhere by the same code
        Path elsewhere = Files.createTempDirectory("operator-tls");
        dev.sipyard.sip.transport.TlsMaterial.selfSigned(elsewhere, java.util.List.of("sip.example.test",
                "127.0.0.1"));
        Map<String, String> env = new HashMap<>(TestServer.ALL_SIP_LISTENERS);
        env.put("SIPYARD_SIP_TLS_CERT", elsewhere.resolve("sip-tls-cert.pem").toString());
        env.put("SIPYARD_SIP_TLS_KEY", elsewhere.resolve("sip-tls-key.pem").toString());
        try (TestServer operator = TestServer.start(backend, env)) {
            X509Certificate served = presented(operator.sipPorts().tls(), elsewhere.resolve("sip-tls-cert.pem"));
            assertThat(served.getSubjectX500Principal().getName()).contains("sip.example.test");
        }
    }

    @Test
    void aTlsConnectionThePhoneClosesIsAnsweredWithCloseNotifyAndClosed() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE, TestServer.ALL_SIP_LISTENERS)) {
            Path cert = server.dataDir().resolve("sip-tls-cert.pem");
            for (String version : List.of("TLSv1.3", "TLSv1.2")) {
                // layered on a socket of ours, so that closing TLS sends no FIN: stunnel closes that way
                try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", server.sipPorts().tls());
                     SSLSocket s = (SSLSocket) trusting(cert).getSocketFactory()
                             .createSocket(tcp, "127.0.0.1", server.sipPorts().tls(), false)) {
                    s.setEnabledProtocols(new String[] {version});
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(("OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
                            + "Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-close-" + version + "\r\n"
                            + "Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                            + "Call-ID: close-" + version + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    assertThat(head(in)).as(version).startsWith("SIP/2.0 200 ").contains("Content-Length: 0");
                    s.shutdownOutput(); // our close_notify: the phone is done with this connection
                    // then the server's close_notify and the end of the stream; a read timeout if it left it open
                    assertThat(in.read()).as(version).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void everyConnectionListenerQueuesThousandsOfConnectionsWaitingToBeAccepted() throws Exception {
        int somaxconn = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
        int expected = Math.min(4096, somaxconn);
        try (TestServer server = TestServer.start(Backend.SQLITE, TestServer.ALL_SIP_LISTENERS)) {
            var ports = server.sipPorts();
            for (int port : List.of(ports.tcp(), ports.tls(), ports.ws(), ports.wss())) {
                // 50, Java's default, fills when many phones connect at once; the kernel then drops their SYNs
                assertThat(acceptQueue(port)).as("port %d", port).isEqualTo(expected).isGreaterThan(50);
            }
        }
    }

    /** The accept queue the kernel keeps for a listening TCP port: the Send-Q that {@code ss} shows for it. */
    private static int acceptQueue(int port) throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(ss.waitFor()).as(out).isZero();
        return Integer.parseInt(out.split("\\s+")[2]);
    }

    /** A response's start line and headers, up to the blank line. */
    private static String head(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static X509Certificate load(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The certificate the server presents on a TLS handshake, trusting only {@code trusted}. */
    private static X509Certificate presented(int port, Path trusted) throws Exception {
        try (SSLSocket s = (SSLSocket) trusting(trusted).getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    private static SSLContext trusting(Path trusted) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("sipyard", load(trusted));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
