package io.chimera.insight.app.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chimera.insight.app.ChimeraCli;
import io.chimera.insight.app.local.LocalPipeline;
import io.chimera.insight.ingest.IngestService;
import io.chimera.insight.ingest.publish.TransactionalFilePublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The pipeline {@code chimera up} starts, watching a folder, keeps {@code <reports>/dead-letters.md}
 * current as bad files arrive, even one that makes no report, and a report whose files had dead
 * letters links to it.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UpDeadLetterListingIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String MODEL = "listing-model";

    @TempDir
    Path dir;

    @Test
    void badFilesAreListedAsTheyArriveAndTheReportLinksToTheListing() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("watched"));
        Path reports = dir.resolve("reports");
        Path listing = reports.resolve("dead-letters.md");
        Path report = reports.resolve(MODEL).resolve("latest.md");
        Files.writeString(watched.resolve("good.csv"), "model,tokens_per_s,ttft_ms\n" + MODEL + ",50,120\n"
                + MODEL + ",52,118\n");
        CommandLine cli = ChimeraCli.commandLine();
        cli.parseArgs("up", "--watch", watched.toString(), "--data-dir", dir.resolve("data").toString(),
                "--reports", reports.toString(), "--http-port", "0", "--query-port", "-1",
                "--llm", "http://127.0.0.1:9", "--settle", "200", "--debounce", "200");
        UpCommand up = cli.getSubcommands().get("up").getCommand();

        try (LocalPipeline pipeline = LocalPipeline.start(up.pipelineOptions());
             IngestService ingest = pipeline.factory().ingest(
                     up.ingest.target(TransactionalFilePublisher.DEFAULT_TRANSACTIONAL_ID), up.watch.folders(),
                     up.watch.watchOptions(), outcome -> { })) {
            ingest.start();
            await().atMost(WAIT).until(() -> Files.isRegularFile(report));
            assertThat(listing).as("nothing was dead-lettered yet").doesNotExist();
            assertThat(Files.readString(report)).contains("0 dead letter(s): records, or whole files, that could not "
                    + "be used (see the dead-letters topic)");

            // A binary file: dead-lettered whole, it makes no run and so no report, and is listed all the same.
            Files.write(watched.resolve("profile.ncu-rep"), new byte[] {'N', 'C', 'U', 0, 1, 2, 0, 3});
            await().atMost(WAIT).until(() -> Files.isRegularFile(listing)
                    && Files.readString(listing).contains("profile.ncu-rep"));
            assertThat(Files.readString(listing)).contains("| ingest.read |").doesNotContain("more.csv");

            // A file of the same model with a broken row: the listing grows and the new report links to it.
            Files.writeString(watched.resolve("more.csv"), "model,tokens_per_s,ttft_ms\n" + MODEL + ",51,119\n"
                    + MODEL + ",49,121,extra\n");
            await().atMost(WAIT).until(() -> Files.readString(listing).contains("more.csv")
                    && Files.readString(report).contains("more.csv"));
            String listed = Files.readString(listing);
            assertThat(listed).contains("| more.csv | row 3 | ingest.parse | InconsistentRow |")
                    .contains("profile.ncu-rep");
            assertThat(listed.indexOf("more.csv")).as("newest first").isLessThan(listed.indexOf("profile.ncu-rep"));
            assertThat(Files.readString(report)).contains("1 dead letter(s): records, or whole files, that could not "
                    + "be used (see [dead-letters.md](../dead-letters.md))");
            assertThat(report.getParent().resolve("../dead-letters.md").normalize()).isEqualTo(listing.normalize());
            assertThat(Files.readString(reports.resolve(MODEL).resolve("latest.json")))
                    .contains("\"deadLettersListing\" : \"../dead-letters.md\"");
        }
    }
}
