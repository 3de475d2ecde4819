package dev.sipyard.sip.transport;

import gov.nist.core.net.SecurityManagerProvider;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Hands our in-memory key to JAIN-SIP, which instantiates this class by name; the stack
 * property {@code dev.sipyard.tls.id} says which registered key. Trust is the JDK's default
 * (phones present no client certificate; the listeners do not ask for one).
 */
public final class TlsKeyProvider implements SecurityManagerProvider {
    static final String ID_PROPERTY = "dev.sipyard.tls.id";
    private static final Map<String, TlsMaterial> REGISTERED = new ConcurrentHashMap<>();

    private TlsMaterial material;

    static void register(String id, TlsMaterial m) {
        REGISTERED.put(id, m);
    }

    static void unregister(String id) {
        REGISTERED.remove(id);
    }

    @Override
    public void init(Properties properties) {
        material = REGISTERED.get(properties.getProperty(ID_PROPERTY));
        if (material == null) {
            throw new IllegalStateException("no TLS material registered for this SIP stack");
        }
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        return material.keyManagers();
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((java.security.KeyStore) null);
            return tmf.getTrustManagers();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
