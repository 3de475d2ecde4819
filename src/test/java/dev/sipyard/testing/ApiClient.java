package dev.sipyard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Real HTTP to a running server, as one project (HTTP Basic with its id and token). */
public final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String authorization;
    private final String projectId;
    private final String token;

    public ApiClient(String baseUrl, String projectId, String token) {
        this.baseUrl = baseUrl;
        this.projectId = projectId;
        this.token = token;
        this.authorization = projectId == null ? null : "Basic " + basic(projectId, token);
        TestSecrets.record(token);
        TestSecrets.record(projectId == null ? null : basic(projectId, token)); // a logged header would show this
    }

    /** The Basic credentials (base64 of {@code id:token}) of an Authorization header. */
    public static String basic(String projectId, String token) {
        return Base64.getEncoder().encodeToString((projectId + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {project id, token}, to talk to a restarted server as the same project. */
    public String[] credentials() {
        return new String[] {projectId, token};
    }

    public HttpResult get(String path) {
        return send("GET", path, null, null);
    }

    /** A GET whose body is bytes (audio, files), with extra request headers given as name, value, ... */
    public HttpResponse<byte[]> download(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResult delete(String path) {
        return send("DELETE", path, null, null);
    }

    public HttpResult post(String path, Object body) {
        return send("POST", path, "application/json", json(body));
    }

    public HttpResult put(String path, Object body) {
        return send("PUT", path, "application/json", json(body));
    }

    public HttpResult patch(String path, Object body) {
        return send("PATCH", path, "application/json", json(body));
    }

    /** Any request: raw body (may be null) and content type (null = no header). */
    public HttpResult send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, authorization);
    }

    public HttpResult send(String method, String path, String contentType, String body, String authHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (body != null && body.length() > 1024 * 1024) {
            b.expectContinue(true); // as curl does for large bodies: the server may refuse before the body is sent
        }
        if (authHeader != null) {
            b.header("Authorization", authHeader);
        }
        TestSecrets.recordFields(body);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            TestSecrets.recordFields(r.body());
            return new HttpResult(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
