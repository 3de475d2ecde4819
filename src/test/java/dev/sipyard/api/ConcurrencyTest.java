package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.HttpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rules that must hold when many requests arrive at once. */
class ConcurrencyTest extends ApiContractBase {

    @Test
    void fiftyParallelCreatesOfOneUsernameGiveExactlyOneEndpoint() throws Exception {
        List<HttpResult> results = parallel(50, i -> api.post(ENDPOINTS, endpoint("same-user")));
        Map<Integer, Long> byStatus = results.stream()
                .collect(Collectors.groupingBy(HttpResult::status, Collectors.counting()));
        assertThat(byStatus).containsOnly(Map.entry(201, 1L), Map.entry(422, 49L));
        results.stream().filter(r -> r.status() == 422)
                .forEach(r -> assertThat(r.errorCodes()).containsExactly("not_unique_within_project"));
        assertThat(api.get(ENDPOINTS).json().get("data")).hasSize(1);
    }

    @Test
    void parallelCreatesOfDistinctUsernamesAllSucceed() throws Exception {
        List<HttpResult> results = parallel(60, i -> api.post(ENDPOINTS, endpoint("user-" + i)));
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        assertThat(api.get(ENDPOINTS + "?page_size=100").json().get("data")).hasSize(60);
    }

    @Test
    void parallelRenamesOntoOneUsernameLeaveOneWinner() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(createEndpoint("orig-" + i));
        }
        List<HttpResult> results = parallel(20, i -> api.put(ENDPOINTS + "/" + ids.get(i),
                Map.of("username", "Target", "password", "Aim-Carefully-99")));
        assertThat(results.stream().filter(r -> r.status() == 200)).hasSize(1);
        assertThat(results.stream().filter(r -> r.status() == 422)).hasSize(19);
        assertThat(api.get(ENDPOINTS + "?filter_username=target").json().get("data")).hasSize(1);
    }

    @Test
    void aNumberDeletedWhileEndpointsStartSendingAsItIsNeverLeftDangling() throws Exception {
        for (int round = 0; round < 5; round++) {
            String number = "+1555000" + (1000 + round);
            String numberId = api.post(NUMBERS, map("number", number)).json().get("id").asText();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(createEndpoint("r" + round + "e" + i));
            }
            List<HttpResult> results = parallel(9, i -> i == 8 ? api.delete(NUMBERS + "/" + numberId)
                    : api.patch(ENDPOINTS + "/" + ids.get(i), map("send_as", number)));
            boolean numberGone = api.get(NUMBERS + "/" + numberId).status() == 404;
            long sendingAs = ids.stream()
                    .filter(id -> api.get(ENDPOINTS + "/" + id).json().get("send_as").asText().equals(number)).count();
            if (numberGone) {
                assertThat(sendingAs).as("round " + round + ": " + results).isZero();
            }
            assertThat(results).allSatisfy(r -> assertThat(r.status()).isIn(200, 204, 422));
        }
    }

    static List<HttpResult> parallel(int n, Function<Integer, HttpResult> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<HttpResult>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(() -> request.apply(index));
            }
            List<HttpResult> out = new ArrayList<>();
            for (Future<HttpResult> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
