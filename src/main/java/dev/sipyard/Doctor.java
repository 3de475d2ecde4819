package dev.sipyard;

import dev.sipyard.config.HostPort;
import dev.sipyard.config.MediaConfig;
import dev.sipyard.config.Settings;
import dev.sipyard.media.prompt.SpeechSynthesizer;
import dev.sipyard.sip.transport.TlsMaterial;
import dev.sipyard.store.Database;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of {@code sipyard doctor}: what would stop the server or hurt it, one finding per
 * subject, each one line. Changes nothing (a missing SQLite file is not created).
 */
final class Doctor {
    /** A certificate that ends within this is worth a warning. */
    static final Duration CERTIFICATE_WARNING = Duration.ofDays(30);
    /** RTP port pairs tried at the bottom of the range. */
    private static final int RTP_PAIRS_TRIED = 4;

    enum Level { OK, WARN, FAIL }

    record Finding(Level level, String subject, String message) {
        String line() {
            return String.format("%-4s  %s: %s", level.name().toLowerCase(java.util.Locale.ROOT), subject, message);
        }
    }

    private final Settings settings;
    private final Clock clock;

    Doctor(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        out.add(dataFolder());
        out.add(database());
        out.addAll(ports());
        out.addAll(certificate());
        out.add(speech());
        return out;
    }

    private Finding dataFolder() {
        Path dir = settings.dataDir().toAbsolutePath();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            return new Finding(Level.FAIL, "data folder", dir + " cannot be written"
                    + (existing == null ? "" : " (" + existing + " is not a writable folder)"));
        }
        return new Finding(Level.OK, "data folder", dir + (existing.equals(dir) ? " is writable" : " will be created"));
    }

    private Finding database() {
        String what = settings.isPostgres() ? "PostgreSQL " + withoutCredentials(settings.dbUrl()) : "SQLite";
        if (!settings.isPostgres()) {
            Path file = Path.of(settings.dbUrl().substring("jdbc:sqlite:".length())).toAbsolutePath();
            if (!Files.exists(file)) {
                return new Finding(Level.OK, "database", "SQLite file " + file + " will be created at the first start");
            }
            what = "SQLite " + file;
        }
        try (Database db = Database.open(settings)) {
            if (!db.isReachable()) {
                return new Finding(Level.FAIL, "database", what + " does not answer");
            }
            Database.SchemaState schema = db.schema();
            String version = schema.appliedVersion() == null ? "empty" : "schema V" + schema.appliedVersion();
            if (schema.pending() > 0) {
                return new Finding(Level.OK, "database", what + " answers, " + version + "; " + schema.pending()
                        + " migration(s) of this version will be applied at the next start");
            }
            return new Finding(Level.OK, "database", what + " answers, " + version + " (up to date)");
        } catch (RuntimeException e) {
            return new Finding(Level.FAIL, "database", what + ": " + oneLine(e));
        }
    }

    private List<Finding> ports() {
        List<Finding> out = new ArrayList<>();
        out.add(tcp("REST API", settings.httpAddr()));
        out.add(udp("SIP", settings.sip().addr()));
        out.add(tcp("SIP", settings.sip().addr()));
        if (settings.sip().tlsAddr() != null) {
            out.add(tcp("SIP TLS", settings.sip().tlsAddr()));
        }
        if (settings.sip().wsAddr() != null) {
            out.add(tcp("SIP WebSocket", settings.sip().wsAddr()));
        }
        if (settings.sip().wssAddr() != null) {
            out.add(tcp("SIP secure WebSocket", settings.sip().wssAddr()));
        }
        if (settings.metricsAddr() != null) {
            out.add(tcp("metrics", settings.metricsAddr()));
        }
        out.add(rtp());
        return out;
    }

    private static Finding tcp(String what, HostPort at) {
        String subject = what + " port " + at.host() + ":" + at.port() + "/tcp";
        if (at.port() == 0) {
            return new Finding(Level.OK, subject, "any free port will be taken");
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(at.host()), at.port()));
            return new Finding(Level.OK, subject, "free");
        } catch (IOException e) {
            return new Finding(Level.FAIL, subject, cannotBind(e));
        }
    }

    private static Finding udp(String what, HostPort at) {
        String subject = what + " port " + at.host() + ":" + at.port() + "/udp";
        if (at.port() == 0) {
            return new Finding(Level.OK, subject, "any free port will be taken");
        }
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(at.host()), at.port()))) {
            return new Finding(Level.OK, subject, "free");
        } catch (IOException e) {
            return new Finding(Level.FAIL, subject, cannotBind(e));
        }
    }

    private Finding rtp() {
        MediaConfig m = settings.media();
        String subject = "RTP ports " + m.rtpBindAddress() + ":" + m.rtpPortMin() + "-" + m.rtpPortMax() + "/udp";
        int first = m.rtpPortMin() % 2 == 0 ? m.rtpPortMin() : m.rtpPortMin() + 1;
        int free = 0;
        int tried = 0;
        String lastError = null;
        InetAddress bind;
        try {
            bind = InetAddress.getByName(m.rtpBindAddress());
        } catch (IOException e) {
            return new Finding(Level.FAIL, subject, cannotBind(e));
        }
        for (int port = first; port + 1 <= m.rtpPortMax() && tried < RTP_PAIRS_TRIED; port += 2, tried++) {
            try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(bind, port));
                 DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(bind, port + 1))) {
                free++;
            } catch (IOException e) {
                lastError = cannotBind(e);
            }
        }
        if (free == 0) {
            return new Finding(Level.FAIL, subject, "none of the first " + tried + " port pairs can be bound ("
                    + lastError + ")");
        }
        return new Finding(free < tried ? Level.WARN : Level.OK, subject,
                free + " of the first " + tried + " port pairs free, " + (m.rtpPortMax() - first + 1) / 2 + " pairs in all");
    }

    private List<Finding> certificate() {
        if (settings.sip().tlsAddr() == null && settings.sip().wssAddr() == null) {
            return List.of();
        }
        Path cert = settings.sip().tlsCert();
        Path key = settings.sip().tlsKey();
        boolean selfSigned = cert == null;
        if (selfSigned) {
            cert = settings.dataDir().resolve("sip-tls-cert.pem");
            key = settings.dataDir().resolve("sip-tls-key.pem");
            if (!Files.exists(cert)) {
                return List.of(new Finding(Level.WARN, "TLS certificate", "none configured (SIPYARD_SIP_TLS_CERT): "
                        + "a self-signed one will be made at the first start, which phones do not trust by default"));
            }
        }
        X509Certificate leaf;
        try {
            leaf = TlsMaterial.fromPem(cert, key).certificate();
        } catch (RuntimeException e) {
            return List.of(new Finding(Level.FAIL, "TLS certificate", oneLine(e)));
        }
        Finding f = certificateValidity(cert.toString(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
                clock.instant());
        if (selfSigned && f.level() == Level.OK) {
            return List.of(new Finding(Level.WARN, f.subject(), f.message() + "; self-signed, phones do not trust it "
                    + "by default"));
        }
        return List.of(f);
    }

    /** The verdict on a certificate valid from {@code notBefore} to {@code notAfter}, at {@code now}. */
    static Finding certificateValidity(String file, Instant notBefore, Instant notAfter, Instant now) {
        String subject = "TLS certificate";
        LocalDate end = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
        if (now.isAfter(notAfter)) {
            return new Finding(Level.FAIL, subject, file + " expired on " + end);
        }
        if (now.isBefore(notBefore)) {
            return new Finding(Level.FAIL, subject, file + " is not valid before "
                    + LocalDate.ofInstant(notBefore, ZoneOffset.UTC));
        }
        long days = Duration.between(now, notAfter).toDays();
        if (Duration.between(now, notAfter).compareTo(CERTIFICATE_WARNING) < 0) {
            return new Finding(Level.WARN, subject, file + " expires on " + end + ", in " + days + " day(s)");
        }
        return new Finding(Level.OK, subject, file + " valid until " + end + " (" + days + " days)");
    }

    private Finding speech() {
        String command = settings.media().ttsCommand();
        boolean available = new SpeechSynthesizer(command, Duration.ofSeconds(10), 1, 1).available();
        return available ? new Finding(Level.OK, "text to speech", "'" + command + "' runs")
                : new Finding(Level.WARN, "text to speech", "'" + command + "' cannot be run: <Say> will fail "
                        + "(apt-get install espeak-ng, or set SIPYARD_TTS_COMMAND)");
    }

    private static String cannotBind(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("in use")) {
            return "in use (is sipyard, or another server, already running?)";
        }
        return "cannot be bound: " + oneLine(e);
    }

    private static String withoutCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^&]*", "$1=…").replaceAll("//[^/@]*@", "//");
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }
}
