package io.chimera.insight.app.commands;

import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.options.IngestOptions;
import io.chimera.insight.app.wiring.IngestPass;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.ingest.scan.CorpusScanner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** For rigs that push: publish the given files (or folders) once and exit. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish benchmark files to the cluster once and exit. Each file is all-or-nothing in a Kafka",
            "transaction (one transaction carries up to --files-per-transaction files).",
            "A file already published with the same content is skipped; a changed one replaces its earlier version."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file was published or was already", "1:some file could not be published (named on "
                + "stderr; the others were)", "2:bad usage or configuration"})
public final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    IngestOptions ingest;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or folders (searched recursively).")
    List<Path> paths;

    @Option(names = "--transactional-id", paramLabel = "ID", defaultValue = "chimera-publish",
            description = "Transactional id of the producer (default: ${DEFAULT-VALUE}); give each concurrent "
                    + "publisher its own.")
    String transactionalId;

    @Override
    public Integer call() {
        // bad options fail before anything starts
        ServiceFactory.IngestTarget target = ingest.target(transactionalId);
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException(path + " does not exist");
            }
        }
        ServiceFactory services = Clusters.connect(cluster);
        CorpusScanner.Scan scan = new CorpusScanner().scanAll(paths);
        IngestPass.Tally tally = services.ingestOnce(target, scan.files(), done -> { });
        PrintWriter out = spec.commandLine().getOut();
        out.println("files: " + tally.files());
        if (!scan.skipped().isEmpty()) {
            out.println("skipped: " + scan.skipped().size() + " (not regular files)");
        }
        out.println("published: " + tally.published());
        out.println("unchanged: " + tally.skipped());
        out.println("runs: " + tally.runs());
        out.println("summary records: " + tally.summaries());
        out.println("dead letters: " + tally.deadLetters());
        if (!tally.failures().isEmpty()) {
            out.println("not published: " + tally.failures().size());
            tally.failures().forEach(failure -> spec.commandLine().getErr().println("error: not published: " + failure));
            return 1;
        }
        return 0;
    }
}
