package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.config.SettingsLoader;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Peers;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sipyard doctor} as an operator runs it: one line per check, exit status 1 when something would stop the server. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DoctorProcessTest extends ProcessTestBase {

    /** Settings on free loopback ports, every listener on, RTP on a small free range. */
    private Map<String, String> onFreePorts(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        env.put(SettingsLoader.HTTP_ADDR, "127.0.0.1:" + SipyardProcess.freePort());
        env.put("SIPYARD_SIP_ADDR", "127.0.0.1:" + SipyardProcess.freePort());
        env.put("SIPYARD_SIP_TLS_ADDR", "127.0.0.1:" + SipyardProcess.freePort());
        env.put("SIPYARD_SIP_WS_ADDR", "127.0.0.1:" + SipyardProcess.freePort());
        env.put("SIPYARD_SIP_WSS_ADDR", "127.0.0.1:" + SipyardProcess.freePort());
        env.put(SettingsLoader.METRICS_ADDR, "127.0.0.1:" + SipyardProcess.freePort());
        int rtp = SipyardProcess.freePort() & ~1;
        env.put("SIPYARD_RTP_PORTS", rtp + "-" + (rtp + 99));
        return env;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aHealthySetUpIsReportedLineByLine(Backend backend) throws Exception {
        String espeak = Peers.require("espeak-ng");
        Map<String, String> env = onFreePorts(freshSettings(backend));
        env.put("SIPYARD_TTS_COMMAND", espeak);
        SipyardProcess.Result created = SipyardProcess.run(env, logDir, "project", "create", "--name", "Doc");
        assertThat(created.exitCode()).as(created.toString()).isZero();

        SipyardProcess.Result r = SipyardProcess.run(env, logDir, "doctor");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = SipyardProcess.nonBlankLines(r.stdout());
        assertThat(lines).as(r.toString()).noneMatch(l -> l.startsWith("fail"));
        assertThat(lines.get(0)).isEqualTo("ok    settings: valid");
        assertThat(lines).anyMatch(l -> l.startsWith("ok    database: ") && l.endsWith("(up to date)"));
        assertThat(lines).anyMatch(l -> l.startsWith("ok    data folder: " + dataDir.toAbsolutePath()));
        assertThat(lines).filteredOn(l -> l.contains(" port ") && l.endsWith(": free")).hasSize(7);
        assertThat(lines).anyMatch(l -> l.startsWith("ok    RTP ports 127.0.0.1:") && l.contains("4 of the first 4"));
        // the server has not run yet, so the self-signed certificate is still to be made
        assertThat(lines).anyMatch(l -> l.startsWith("warn  TLS certificate: none configured"));
        assertThat(lines).contains("ok    text to speech: '" + espeak + "' runs");
    }

    @Test
    void aPortInUseAndAnExpiredCertificateAreFailures() throws Exception {
        Map<String, String> env = onFreePorts(freshSettings(Backend.SQLITE));
        Path cert = dataDir.resolve("old-cert.pem");
        Path key = dataDir.resolve("old-key.pem");
        writeCertificate(cert, key, Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(35)));
        env.put("SIPYARD_SIP_TLS_CERT", cert.toString());
        env.put("SIPYARD_SIP_TLS_KEY", key.toString());
        env.put("SIPYARD_TTS_COMMAND", dataDir.resolve("no-such-tts").toString());
        String http = env.get(SettingsLoader.HTTP_ADDR);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(http.split(":")[1])));

            SipyardProcess.Result r = SipyardProcess.run(env, logDir, "doctor");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            List<String> lines = SipyardProcess.nonBlankLines(r.stdout());
            assertThat(lines).as(r.toString()).contains("fail  REST API port " + http
                    + "/tcp: in use (is sipyard, or another server, already running?)");
            assertThat(lines).anyMatch(l -> l.startsWith("fail  TLS certificate: " + cert + " expired on "));
            assertThat(lines).filteredOn(l -> l.startsWith("fail")).hasSize(2);
            assertThat(lines).contains("warn  text to speech: '" + dataDir.resolve("no-such-tts")
                    + "' cannot be run: <Say> will fail (apt-get install espeak-ng, or set SIPYARD_TTS_COMMAND)");
            assertThat(lines).anyMatch(l -> l.startsWith("ok    database: SQLite file ") && l.endsWith("will be created at the first start"));
        }
        assertThat(Files.exists(dataDir.resolve("sipyard.db"))).as("doctor creates no database").isFalse();
    }

    @Test
    void aBadSettingIsOneLine() {
        Map<String, String> env = onFreePorts(freshSettings(Backend.SQLITE));
        env.put(SettingsLoader.DB, "mysql://db/sipyard");

        SipyardProcess.Result r = SipyardProcess.run(env, logDir, "doctor");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(SipyardProcess.nonBlankLines(r.stdout())).as(r.toString()).containsExactly(
                "fail  settings: SIPYARD_DB must be a jdbc:sqlite:<file> or jdbc:postgresql://host/db URL");
    }

    private static void writeCertificate(Path cert, Path key, Instant from, Instant until) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        X500Name name = new X500Name("CN=old.example.test");
        var certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(from), Date.from(until), name,
                        pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        try (Writer w = Files.newBufferedWriter(cert); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(certificate);
        }
        try (Writer w = Files.newBufferedWriter(key); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(pair.getPrivate());
        }
    }
}
