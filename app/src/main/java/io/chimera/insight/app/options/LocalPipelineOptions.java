package io.chimera.insight.app.options;

import io.chimera.insight.app.local.LocalPipeline;
import io.chimera.insight.localstack.LocalStackOptions;
import io.chimera.insight.localstack.registry.RegistryAccess;
import io.chimera.insight.report.ReportService;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The pipeline local mode starts in its JVM: shared by run and up, so both build it from the same
 * flags (where reports go, the embedded broker's partitions, who may write to the embedded registry,
 * the LLM workers, when a model is analysed).
 */
public final class LocalPipelineOptions {

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Where reports are written (default: ${DEFAULT-VALUE}): index.md, <model>/latest.md, "
                    + "<model>/latest.json, dead-letters.md.")
    Path reports = ReportService.DEFAULT_REPORTS_DIR;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of each topic on the embedded broker (default: ${DEFAULT-VALUE}).")
    int partitions = LocalStackOptions.DEFAULT_PARTITIONS;

    @Option(names = "--registry-open",
            description = "Let any local process write to the embedded schema registry (register schemas, change "
                    + "compatibility levels). Without it only this pipeline may write; reads are open to all.")
    boolean registryOpen;

    @Mixin
    LlmOptions llm;

    @Mixin
    AggregationOptions aggregation;

    public Path reports() {
        return reports;
    }

    public LlmOptions llm() {
        return llm;
    }

    /**
     * What {@link LocalPipeline#start} is given.
     *
     * @param dataDir   kept across restarts; empty for a temporary one
     * @param httpPort  of /metrics and /health, 0 for a free one
     * @param queryPort of the query API, 0 for a free one, -1 for none
     * @throws IllegalArgumentException when the LLM or aggregation flags do not go together
     */
    public LocalPipeline.Options pipeline(Optional<Path> dataDir, int httpPort, int queryPort) {
        return new LocalPipeline.Options(dataDir, partitions, reports, llm.target(), aggregation.settings(),
                httpPort, queryPort, registryOpen ? RegistryAccess.open() : RegistryAccess.ownerWrites());
    }
}
