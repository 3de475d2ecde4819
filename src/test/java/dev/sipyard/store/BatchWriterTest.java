package dev.sipyard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the batch writer groups queued jobs: in arrival order, up to its batch size, gathering for a while. */
class BatchWriterTest {

    @Test
    void jobsQueuedWithinTheGatheringTimeShareOneBatchAndAFullBatchDoesNotWait() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch written = new CountDownLatch(2);
        // a gathering time far longer than the test waits: only a full batch can be written in time
        try (BatchWriter<Integer> writer = new BatchWriter<>("test-writer", 3, 100, 60_000, batch -> {
            batches.add(List.copyOf(batch));
            written.countDown();
        }, (batch, e) -> { })) {
            for (int i = 1; i <= 6; i++) {
                assertThat(writer.offer(i)).isTrue();
            }
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(batches).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6));
    }

    @Test
    void aBatchThatIsNotFullIsWrittenOnceItsGatheringTimeIsOver() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch written = new CountDownLatch(1);
        try (BatchWriter<Integer> writer = new BatchWriter<>("test-writer", 100, 100, 200, batch -> {
            batches.add(List.copyOf(batch));
            written.countDown();
        }, (batch, e) -> { })) {
            writer.offer(1);
            writer.offer(2);
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(batches).containsExactly(List.of(1, 2));
        }
    }
}
