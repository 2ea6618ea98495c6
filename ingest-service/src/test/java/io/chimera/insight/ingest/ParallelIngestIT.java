package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.ingest.publish.Publication;
import io.chimera.insight.ingest.publish.TopicContents;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel readers and shared transactions on the embedded broker: files come out in the order
 * given, each exactly once and whole, and no transaction carries more files than allowed.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParallelIngestIT {

    private static final int FILES = 40;

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @TempDir
    Path folder;

    @Test
    void everyFileIsPublishedOnceInTheOrderGivenAndNoTransactionHoldsMoreThanTheLimit() throws Exception {
        TopicNames names = BROKER.topics("parallel.", 1);
        List<ScannedFile> files = new ArrayList<>();
        int expectedRuns = 0;
        for (int i = 0; i < FILES; i++) {
            int rows = i % 3 + 1;
            files.add(csv(String.format("rig/gemma3_%02d_runs.csv", i), rows));
            expectedRuns += rows;
            if (i == FILES / 2) {
                Path binary = folder.resolve("rig/profile.ncu-rep");
                Files.write(binary, new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0, 7});
                files.add(new ScannedFile(folder, binary));
            }
        }

        List<ParallelIngest.Result> results = new ArrayList<>();
        try (TransactionalFilePublisher publisher = BROKER.publisher(names, "parallel");
             ParallelIngest ingest = new ParallelIngest(TestCorpus.ingestor(), publisher, tuning(3, 7))) {
            ingest.ingestAll(files, results::add);
        }

        assertThat(results).extracting(ParallelIngest.Result::source).containsExactlyElementsOf(files);
        assertThat(results).extracting(ParallelIngest.Result::publication)
                .allSatisfy(p -> assertThat(p).isInstanceOf(Publication.Done.class));
        EventSerdes readers = BROKER.serdes();
        List<ConsumerRecord<byte[], byte[]>> fileRecords = TopicContents.readAll(BROKER.settings(), names.of(Topics.BENCHMARK_FILES));
        List<BenchmarkFile> published = fileRecords.stream().map(r -> readers.value(Topics.BENCHMARK_FILES)
                .deserializer().deserialize(names.of(Topics.BENCHMARK_FILES), r.value())).toList();
        assertThat(published).extracting(BenchmarkFile::getPath)
                .containsExactlyElementsOf(files.stream().map(ScannedFile::relativePath).toList());
        assertThat(published).filteredOn(f -> f.getStatus() == FileStatus.REJECTED)
                .extracting(BenchmarkFile::getPath).containsExactly("rig/profile.ncu-rep");
        assertThat(TopicContents.readAll(BROKER.settings(), names.of(Topics.BENCHMARK_RUNS))).hasSize(expectedRuns);
        assertThat(TopicContents.readAll(BROKER.settings(), names.of(Topics.INGEST_STATE))).hasSize(FILES + 1);
        // Each transaction leaves one commit marker after its records, so a gap in the offsets of the
        // file events ends a transaction: no run of consecutive offsets may be longer than the limit.
        assertThat(transactionSizes(fileRecords)).allSatisfy(size -> assertThat(size).isBetween(1, 7))
                .hasSizeGreaterThanOrEqualTo((FILES + 1 + 6) / 7);
    }

    @Test
    void oneFilePerTransactionWhenTheLimitIsOne() throws Exception {
        TopicNames names = BROKER.topics("one-each.", 1);
        List<ScannedFile> files = List.of(csv("a/gemma3_1b_runs.csv", 2), csv("a/gemma3_4b_runs.csv", 1),
                csv("a/llama3_8b_runs.csv", 3));

        try (TransactionalFilePublisher publisher = BROKER.publisher(names, "one-each");
             ParallelIngest ingest = new ParallelIngest(TestCorpus.ingestor(), publisher, tuning(2, 1))) {
            ingest.ingestAll(files, result -> { });
        }

        List<ConsumerRecord<byte[], byte[]>> fileRecords = TopicContents.readAll(BROKER.settings(), names.of(Topics.BENCHMARK_FILES));
        assertThat(fileRecords).extracting(ConsumerRecord::offset).containsExactly(0L, 2L, 4L);
    }

    /** Lengths of the runs of consecutive offsets: the files of each transaction. */
    private static List<Integer> transactionSizes(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Integer> sizes = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.offset() == previous + 1) {
                sizes.set(sizes.size() - 1, sizes.get(sizes.size() - 1) + 1);
            } else {
                sizes.add(1);
            }
            previous = record.offset();
        }
        return sizes;
    }

    private ScannedFile csv(String relative, int rows) throws IOException {
        StringBuilder text = new StringBuilder("ttft_ms,tokens_per_s\n");
        for (int row = 0; row < rows; row++) {
            text.append(100 + row).append(',').append(40 + row).append('\n');
        }
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return new ScannedFile(folder, file);
    }

    private static IngestTuning tuning(int readers, int filesPerTransaction) {
        return new IngestTuning(readers, filesPerTransaction, IngestTuning.DEFAULT_MAX_RECORDS_PER_TRANSACTION,
                IngestTuning.DEFAULT_MAX_BYTES_IN_FLIGHT);
    }
}
