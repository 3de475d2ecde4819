package dev.sipyard.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A customer's web application for tests: serves a fixed answer per path (cXML, SWML, or an HTTP
 * error) and records every request it gets, with its form fields and headers.
 */
public final class DocumentServer implements AutoCloseable {
    /** One request the application received. */
    public record Received(String method, String path, String query, Map<String, String> form, String body,
                           Map<String, String> headers) {}

    private record Answer(int status, String contentType, byte[] bytes, long delayMillis) {
        Answer(int status, String contentType, String body, long delayMillis) {
            this(status, contentType, body.getBytes(StandardCharsets.UTF_8), delayMillis);
        }

        Answer(int status, String contentType, String body) {
            this(status, contentType, body, 0);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public DocumentServer() {
        this(0);
    }

    /** An application on a chosen port (0: any free one), so a test can stop it and start it again there. */
    public DocumentServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> form = parseForm(exchange.getRequestMethod().equals("GET") ? query : body);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path, query, form, body, headers));
            Answer a = answers.getOrDefault(path, new Answer(404, "text/plain", "no such document"));
            if (a.delayMillis() > 0) {
                try {
                    Thread.sleep(a.delayMillis()); // an application that does not answer in time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = a.bytes();
            exchange.getResponseHeaders().set("Content-Type", a.contentType());
            exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    private static Map<String, String> parseForm(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty() || text.startsWith("{")) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public DocumentServer cxml(String path, String xml) {
        answers.put(path, new Answer(200, "application/xml", xml));
        return this;
    }

    public DocumentServer json(String path, String json) {
        answers.put(path, new Answer(200, "application/json", json));
        return this;
    }

    /** Answers {@code path} with an empty document only after {@code millis}. */
    public DocumentServer delay(String path, long millis) {
        answers.put(path, new Answer(200, "application/xml", "<Response/>", millis));
        return this;
    }

    /** Serves a file (audio for {@code <Play>}) at {@code path}. */
    public DocumentServer file(String path, String contentType, byte[] bytes) {
        answers.put(path, new Answer(200, contentType, bytes.clone(), 0));
        return this;
    }

    public DocumentServer status(String path, int status) {
        answers.put(path, new Answer(status, "text/plain", ""));
        return this;
    }

    /** Every request to {@code path} so far, in order. */
    public List<Received> requests(String path) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Waits until {@code path} has had {@code count} requests; returns them, or fails after the time. */
    public List<Received> awaitRequests(String path, int count, int timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            List<Received> r = requests(path);
            if (r.size() >= count) {
                return r;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("expected " + count + " request(s) to " + path + ", got " + requests(path));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
