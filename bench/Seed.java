import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeds SIP endpoints through the REST API: a bounded parallel loader (bench/api.sh runs it with
 * {@code java bench/Seed.java}). Every endpoint goes through the same path as any client's create,
 * so the HA1 columns are computed by the server itself.
 *
 * <p>Arguments: BASE_URL AUTHORIZATION_HEADER COUNT CONCURRENCY PREFIX [TIME_LIMIT_SECONDS]
 * <p>Prints one line {@code SEED created=<n> failed=<n> seconds=<s> rate=<n/s>}; exits 1 if any create failed.
 */
public final class Seed {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String authorization = args[1];
        int count = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        String prefix = args[4];
        long limitSeconds = args.length > 5 ? Long.parseLong(args[5]) : 900;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(base + "/api/fabric/resources/sip_endpoints");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong deadline = new AtomicLong(System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds));
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int w = 0; w < concurrency; w++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline.get();
                     i = next.getAndIncrement()) {
                    String body = "{\"username\":\"" + prefix + i + "\",\"password\":\"Zq8-" + i + "-kLm4x\"}";
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Authorization", authorization)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            created.incrementAndGet();
                        } else if (failed.incrementAndGet() <= 3) {
                            System.err.println("seed: " + r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 3) {
                            System.err.println("seed: " + e);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(limitSeconds + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("SEED created=%d failed=%d seconds=%.1f rate=%.0f%n", created.get(), failed.get(), seconds,
                created.get() / seconds);
        System.exit(failed.get() == 0 && created.get() == count ? 0 : 1);
    }
}
