package dev.sipyard.calllog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A customer's status-callback URL on 127.0.0.1: answers {@code /ok} with {@link #status} (200
 * unless a test says otherwise) and {@code /fail} always with 503; keeps what it accepted and
 * checks each signature with its own HMAC.
 */
public final class CallbackReceiver implements AutoCloseable {
    /** One callback the receiver accepted (answered 2xx), and the path it was sent to. */
    public record Callback(String path, Map<String, String> params, boolean signatureValid) {
        public String callSid() {
            return params.get("CallSid");
        }
    }

    public final AtomicInteger status = new AtomicInteger(200);
    public final AtomicInteger attempts = new AtomicInteger();
    public final List<Callback> accepted = new CopyOnWriteArrayList<>();
    private final Function<String, String> keyOfProject;
    private final HttpServer server;

    public CallbackReceiver(int port, Function<String, String> keyOfProject) throws IOException {
        this.keyOfProject = keyOfProject;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", ex -> answer(ex, status.get()));
        server.createContext("/fail", ex -> answer(ex, 503));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<Callback> of(String callSid) {
        return accepted.stream().filter(c -> callSid.equals(c.callSid())).toList();
    }

    private void answer(HttpExchange ex, int code) throws IOException {
        attempts.incrementAndGet();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = parse(body);
        if (code >= 200 && code < 300) {
            String url = "http://127.0.0.1:" + port() + ex.getRequestURI();
            accepted.add(new Callback(ex.getRequestURI().getPath(), params, signature(keyOfProject.apply(params.get("AccountSid")), url, params)
                    .equals(ex.getRequestHeaders().getFirst("X-SignalWire-Signature"))));
        }
        ex.sendResponseHeaders(code, -1);
        ex.close();
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                m.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return m;
    }

    private static String signature(String key, String url, Map<String, String> params) {
        try {
            StringBuilder data = new StringBuilder(url);
            new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
