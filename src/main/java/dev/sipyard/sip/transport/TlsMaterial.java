package dev.sipyard.sip.transport;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The TLS certificate and key of the SIP listeners: read from PEM files, or self-signed and kept under the data folder. */
public final class TlsMaterial {
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private TlsMaterial(List<X509Certificate> chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    /** Reads the operator's PEM certificate chain and key; the message of a failure names the file and the problem. */
    public static TlsMaterial fromPem(Path certFile, Path keyFile) {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(certFile, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            for (Object o; (o = p.readObject()) != null; ) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(h));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the TLS certificate " + certFile + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalStateException("the TLS certificate file " + certFile + " holds no PEM certificate");
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                key = conv.getKeyPair(kp).getPrivate();
            } else if (o instanceof PrivateKeyInfo info) {
                key = conv.getPrivateKey(info);
            } else {
                throw new IllegalStateException("the TLS key file " + keyFile
                        + " holds no unencrypted PEM private key");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the TLS key " + keyFile + ": " + e.getMessage(), e);
        }
        return new TlsMaterial(List.copyOf(chain), key);
    }

    /** The self-signed pair under {@code folder}, generated (for {@code names}) on first use. */
    public static TlsMaterial selfSigned(Path folder, List<String> names) {
        Path cert = folder.resolve("sip-tls-cert.pem");
        Path key = folder.resolve("sip-tls-key.pem");
        if (!Files.exists(cert) || !Files.exists(key)) {
            generate(cert, key, names);
        }
        return fromPem(cert, key);
    }

    private static void generate(Path certFile, Path keyFile, List<String> names) {
        try {
            Files.createDirectories(certFile.getParent());
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            X500Name subject = new X500Name("CN=" + names.get(0) + ",O=sipyard self-signed");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                    pair.getPublic());
            List<GeneralName> alt = new ArrayList<>();
            for (String n : names) {
                boolean ip = n.matches("[0-9.]+") || n.contains(":");
                alt.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alt.toArray(GeneralName[]::new)));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            writePem(keyFile, pair.getPrivate(), true);
            writePem(certFile, cert, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a self-signed TLS certificate in " + certFile.getParent()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void writePem(Path file, Object o, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret) {
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII); JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    KeyManager[] keyManagers() {
        try {
            char[] pass = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("sip", key, pass, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the TLS key does not match a usable key store: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
