package dev.sipyard.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** One scrape of a Prometheus text endpoint, read into series (name and labels) and their values. */
public final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String text;
    private final Map<String, Double> values = new HashMap<>();
    private final Map<String, Map<String, String>> labels = new HashMap<>();

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            String key = normalized(series);
            values.put(key, Double.parseDouble(line.substring(end + 1)));
            int brace = series.indexOf('{');
            labels.put(key, brace < 0 ? Map.of() : parseLabels(series.substring(brace + 1, series.lastIndexOf('}'))));
        }
    }

    /** GETs {@code url} (failing unless 200 with the Prometheus text format) and reads it. */
    public static Scrape of(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + url + ": " + r.statusCode() + " " + r.body());
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/plain; version=0.0.4")) {
                throw new AssertionError("GET " + url + ": Content-Type " + type);
            }
            return new Scrape(r.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Scrapes {@code url} until {@code condition} holds (at most {@code millis}); the last scrape either way. */
    public static Scrape awaiting(String url, Predicate<Scrape> condition, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        Scrape s = of(url);
        while (!condition.test(s) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            s = of(url);
        }
        return s;
    }

    /** The value of a series, given as {@code name} and label pairs; 0 when there is no such series. */
    public double value(String name, String... labels) {
        return values.getOrDefault(key(name, labels), 0.0);
    }

    /** True when the series exists. */
    public boolean has(String name, String... labels) {
        return values.containsKey(key(name, labels));
    }

    /** The label maps of every series named {@code name}. */
    public List<Map<String, String>> labelsOf(String name) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String k : values.keySet()) {
            int brace = k.indexOf('{');
            if ((brace < 0 ? k : k.substring(0, brace)).equals(name)) {
                out.add(labels.get(k));
            }
        }
        return out;
    }

    /** The served lines of the series named {@code name} (for assertion messages). */
    public String lines(String name) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** The whole text as served. */
    public String text() {
        return text;
    }

    private static String key(String name, String... labels) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            m.put(labels[i], labels[i + 1]);
        }
        return render(name, m);
    }

    private static String normalized(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return series;
        }
        return render(series.substring(0, brace), parseLabels(series.substring(brace + 1, series.lastIndexOf('}'))));
    }

    private static Map<String, String> parseLabels(String s) {
        Map<String, String> m = new TreeMap<>();
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            String name = s.substring(i, eq).trim();
            StringBuilder v = new StringBuilder();
            int j = eq + 2; // past ="
            while (s.charAt(j) != '"') {
                if (s.charAt(j) == '\\') {
                    j++;
                }
                v.append(s.charAt(j));
                j++;
            }
            m.put(name, v.toString());
            i = j + 1;
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
            }
        }
        return m;
    }

    private static String render(String name, Map<String, String> labels) {
        return labels.isEmpty() ? name : name + labels;
    }
}
