package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.events.BenchmarkFile;
import io.chimera.insight.events.BenchmarkRun;
import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.events.FileStatus;
import io.chimera.insight.ingest.publish.Publication;
import io.chimera.insight.ingest.publish.PublishOutcome;
import io.chimera.insight.ingest.publish.TopicContents;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import io.chimera.insight.ingest.scan.ScannedFile;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.topics.Topic;
import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose records do not fit a reader's window are streamed into a transaction of their own:
 * all or nothing for readers of committed data, never held whole by the client.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamedPublishIT {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    /** Far below what 3,000 runs encode to (some 600 KB), far above one small file's. */
    static final long WINDOW = 16 * 1024;
    static final int BIG_ROWS = 3000;

    @TempDir
    Path folder;

    @Test
    void aFileOverTheWindowIsPublishedWholeInOneTransactionInItsPlaceAmongSmallFiles() throws Exception {
        TopicNames names = BROKER.topics("window.", 1);
        Path first = csv("a_small.csv", 3, "");
        Path big = csv("b_big.csv", BIG_ROWS, "");
        Path third = csv("c_small.csv", 2, "");
        Path fourth = csv("d_small.csv", 4, "");

        List<Publication> publications = ingestAll(names, TestCorpus.ingestor(), first, big, third, fourth);

        assertThat(publications).allSatisfy(p -> assertThat(p).isInstanceOf(Publication.Done.class));
        assertThat(publications).extracting(p -> ((Publication.Done) p).outcome().runs())
                .containsExactly(3, BIG_ROWS, 2, 4);
        assertThat(values(names, Topics.BENCHMARK_FILES)).extracting(BenchmarkFile::getPath)
                .containsExactly("a_small.csv", "b_big.csv", "c_small.csv", "d_small.csv");
        List<BenchmarkRun> runs = values(names, Topics.BENCHMARK_RUNS);
        assertThat(runs).filteredOn(r -> r.getPath().equals("b_big.csv")).hasSize(BIG_ROWS)
                .extracting(BenchmarkRun::getLocator).doesNotHaveDuplicates();
        assertThat(runs).hasSize(3 + BIG_ROWS + 2 + 4);
        assertThat(values(names, Topics.INGEST_STATE)).hasSize(4);
    }

    @Test
    void itsRecordsReachTheLogBeforeItIsReadToItsEndAndAreSeenByCommittedReadersOnlyAfterTheCommit()
            throws Exception {
        TopicNames names = BROKER.topics("streamed.", 1);
        Path big = csv("big.csv", BIG_ROWS, "");
        String runsTopic = names.of(Topics.BENCHMARK_RUNS);
        int[] seenMidway = {-1, -1};
        Publication publication;
        try (TransactionalFilePublisher publisher = BROKER.publisher(names, "streamed")) {
            publication = publisher.publishStreamed(sink -> TestCorpus.ingestor().ingest(folder, big,
                    new Probe(sink, BIG_ROWS - 10, () -> {
                        // the file is not read to its end yet: what is in the log was sent as it was made
                        Awaitility.await().until(() -> !TopicContents.readUncommitted(BROKER.settings(), runsTopic)
                                .isEmpty());
                        seenMidway[0] = TopicContents.readUncommitted(BROKER.settings(), runsTopic).size();
                        seenMidway[1] = TopicContents.readAll(BROKER.settings(), runsTopic).size();
                    }), sha -> false));
        }

        assertThat(publication).isInstanceOf(Publication.Done.class);
        assertThat(seenMidway[0]).as("runs in the log before the end of the file").isPositive();
        assertThat(seenMidway[1]).as("runs visible to read_committed before the commit").isZero();
        assertThat(values(names, Topics.BENCHMARK_RUNS)).hasSize(BIG_ROWS);
        assertThat(values(names, Topics.BENCHMARK_FILES)).singleElement()
                .satisfies(f -> assertThat(f.getRunCount()).isEqualTo(BIG_ROWS));
    }

    @Test
    void aBigFileRejectedNearItsEndLeavesNoRunVisibleAndIsPublishedRejectedWithItsDeadLetter() throws Exception {
        TopicNames names = BROKER.topics("midstream.", 1);
        Path broken = csv("broken.csv", BIG_ROWS, "gemma3,\"unterminated,1\n");

        List<Publication> publications = ingestAll(names, TestCorpus.ingestor(), broken);

        PublishOutcome outcome = ((Publication.Done) publications.get(0)).outcome();
        assertThat(outcome.fileStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(values(names, Topics.BENCHMARK_RUNS)).isEmpty();
        assertThat(TopicContents.readUncommitted(BROKER.settings(), names.of(Topics.BENCHMARK_RUNS)))
                .as("streamed, then aborted").isNotEmpty();
        assertThat(values(names, Topics.BENCHMARK_FILES)).singleElement()
                .satisfies(f -> assertThat(f.getStatus()).isEqualTo(FileStatus.REJECTED));
        assertThat(values(names, Topics.DEAD_LETTERS)).singleElement()
                .extracting(DeadLetter::getErrorClass).isEqualTo("CsvSyntax");
        assertThat(values(names, Topics.INGEST_STATE)).hasSize(1);
    }

    @Test
    void aFileOverTheRecordsLimitIsDeadLetteredWholeNamingTheLimit() throws Exception {
        TopicNames names = BROKER.topics("limit.", 1);
        Path big = csv("big.csv", BIG_ROWS, "");
        FileIngestor limited = new FileIngestor(TestCorpus.RULES, new IngestLimits(1 << 26, 1 << 20, 1000),
                Clock.fixed(TestCorpus.NOW, ZoneOffset.UTC));

        List<Publication> publications = ingestAll(names, limited, big);

        assertThat(((Publication.Done) publications.get(0)).outcome().fileStatus()).isEqualTo(FileStatus.REJECTED);
        assertThat(values(names, Topics.BENCHMARK_RUNS)).isEmpty();
        assertThat(values(names, Topics.DEAD_LETTERS)).singleElement().satisfies(d -> {
            assertThat(d.getErrorClass()).isEqualTo("TooManyRecords");
            assertThat(d.getMessage()).contains("more than 1000 records", FileIngestor.RECORDS_LIMIT_OPTION);
        });
    }

    @Test
    void aFileChangedBetweenItsPassesIsNotPublishedAsAMixAndIsPublishedOnceStill() throws Exception {
        TopicNames names = BROKER.topics("changing.", 1);
        Path big = csv("big.csv", BIG_ROWS, "");
        try (TransactionalFilePublisher publisher = BROKER.publisher(names, "changing")) {
            Publication changed = publisher.publishStreamed(sink -> TestCorpus.ingestor().ingest(folder, big, sink,
                    sha -> {
                        rewrite(big, "model,ttft_ms\ngemma3,1\n"); // after its digest, before it is parsed
                        return false;
                    }));
            assertThat(changed).isInstanceOf(Publication.Failed.class);
            assertThat(((Publication.Failed) changed).error().permanent()).isFalse();
            assertThat(((Publication.Failed) changed).error().getMessage()).contains("changed while it was read");
            assertThat(values(names, Topics.BENCHMARK_FILES)).isEmpty();
            assertThat(values(names, Topics.INGEST_STATE)).isEmpty();

            Publication again = publisher.publishStreamed(sink -> TestCorpus.ingestor().ingest(folder, big, sink,
                    sha -> false));
            assertThat(((Publication.Done) again).outcome().runs()).isEqualTo(1);
        }
        assertThat(values(names, Topics.BENCHMARK_RUNS)).hasSize(1);
    }

    private List<Publication> ingestAll(TopicNames names, FileIngestor ingestor, Path... files)
            throws InterruptedException {
        List<ScannedFile> scanned = new ArrayList<>();
        for (Path file : files) {
            scanned.add(new ScannedFile(folder, file));
        }
        List<Publication> publications = new ArrayList<>();
        IngestTuning tuning = IngestTuning.defaults().withReaders(2).withWindowBytes(WINDOW);
        try (TransactionalFilePublisher publisher = BROKER.publisher(names, "window-" + names.prefix());
             ParallelIngest ingest = new ParallelIngest(ingestor, publisher, tuning)) {
            ingest.ingestAll(scanned, result -> publications.add(result.publication()));
        }
        return publications;
    }

    private Path csv(String name, int rows, String tail) throws IOException {
        StringBuilder text = new StringBuilder("model,num_ctx,ttft_ms\n");
        for (int i = 0; i < rows; i++) {
            text.append("gemma3,").append(1024 + i % 4).append(',').append(100 + i).append('\n');
        }
        Path file = folder.resolve(name);
        Files.writeString(file, text + tail);
        return file;
    }

    private static void rewrite(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <V> List<V> values(TopicNames names, Topic<V> topic) {
        EventSerdes readers = BROKER.serdes();
        return TopicContents.readAll(BROKER.settings(), names.of(topic)).stream()
                .map(r -> readers.value(topic).deserializer().deserialize(names.of(topic), r.value()))
                .toList();
    }

    /** Passes everything on, and runs {@code check} once {@code after} runs were passed on. */
    private static final class Probe implements IngestSink {
        private final IngestSink next;
        private final int after;
        private final Runnable check;
        private int runs;

        Probe(IngestSink next, int after, Runnable check) {
            this.next = next;
            this.after = after;
            this.check = check;
        }

        @Override
        public void run(BenchmarkRun run) {
            next.run(run);
            if (++runs == after) {
                check.run();
            }
        }

        @Override
        public void deadLetter(DeadLetter deadLetter) {
            next.deadLetter(deadLetter);
        }

        @Override
        public void discard() {
            next.discard();
        }
    }
}
