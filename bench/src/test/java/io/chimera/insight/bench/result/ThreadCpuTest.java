package io.chimera.insight.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void poolThreadsCountAsOneGroup() {
        assertThat(ThreadCpu.group("data-plane-kafka-request-handler-7"))
                .isEqualTo("data-plane-kafka-request-handler-#");
        assertThat(ThreadCpu.group("chimera-ingest-reader-12")).isEqualTo("chimera-ingest-reader-#");
    }

    @Test
    void aThreadThatStartsAndEndsInsideTheMeasureIsCounted() throws InterruptedException {
        assumeTrue(ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported(), "no thread CPU time on this JVM");
        ThreadCpu cpu = ThreadCpu.start();
        Thread busy = new Thread(ThreadCpuTest::spinHalfASecond, "spinner-3");
        busy.start();
        busy.join();
        ThreadCpu.Usage usage = cpu.stop();

        assertThat(usage.threads()).containsKey("spinner-#");
        assertThat(usage.threads().get("spinner-#")).isPositive();
        assertThat(usage.describe(20)).contains("spinner-# ").contains("gc ").contains("jit ");
        assertThat(cpu.stop()).as("stopping twice gives the same figures").isSameAs(usage);
    }

    private static void spinHalfASecond() {
        long end = System.nanoTime() + 500_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }
}
