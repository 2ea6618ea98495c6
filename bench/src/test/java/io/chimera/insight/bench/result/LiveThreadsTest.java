package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LiveThreadsTest {

    @Test
    void aPoolsLiveThreadsCountAsOneGroupAndEndedOnesAreGone() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> awaitQuietly(release), "leftover-worker-1");
        Thread second = new Thread(() -> awaitQuietly(release), "leftover-worker-2");
        first.start();
        second.start();
        LiveThreads during;
        try {
            during = LiveThreads.now();
        } finally {
            release.countDown();
            first.join();
            second.join();
        }
        LiveThreads after = LiveThreads.now();

        assertThat(during.groups()).containsEntry("leftover-worker-#", 2L);
        assertThat(during.total()).isEqualTo(during.groups().values().stream().mapToLong(Long::longValue).sum());
        assertThat(during.describe(100)).contains("leftover-worker-# 2");
        assertThat(after.groups()).doesNotContainKey("leftover-worker-#");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
