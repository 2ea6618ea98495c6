package io.chimera.insight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One pipeline run on the deployed cluster: fresh watched and reports folders, a topic prefix of its
 * own, its services started; the workload fed in two halves; the moments of the fault noted; done
 * once the reports carry exactly the fault-free figures and every narrative.
 */
final class ScenarioRun implements AutoCloseable {

    private final String name;
    private final DeployedPipeline pipeline;
    private final Workload workload;
    private final DeployedPipeline.Services services;
    private final Path reports;
    private final Workload.Feeder feeder;
    private final List<String> notes = new ArrayList<>();
    private long fedAt;
    private Double faultAt;
    private Double restoredAt;
    private double completeAt;

    private ScenarioRun(String name, DeployedPipeline pipeline, Workload workload, Path folder) throws IOException {
        this.name = name;
        this.pipeline = pipeline;
        this.workload = workload;
        Path watched = Workload.clean(folder.resolve("watched"));
        this.reports = Workload.clean(folder.resolve("reports"));
        this.feeder = workload.feederInto(watched);
        pipeline.awaitWholeCluster();
        this.services = pipeline.startServices(name + ".", watched, reports);
    }

    /** The services of scenario {@code name} under {@code work/name}, started on a whole cluster. */
    static ScenarioRun start(String name, DeployedPipeline pipeline, Workload workload, Path work) throws IOException {
        return new ScenarioRun(name, pipeline, workload, work.resolve(name));
    }

    DeployedPipeline.Services services() {
        return services;
    }

    /** The topic {@code suffix} ({@code benchmark-runs}) of this run. */
    String topic(String suffix) {
        return name + "." + suffix;
    }

    void feedFirstHalf() {
        fedAt = System.nanoTime();
        feeder.firstHalf();
    }

    void feedRest() {
        feeder.rest();
    }

    /** Files ingest has published so far (its counter; 0 while it is down). */
    double filesPublished() {
        return ServiceProbes.sum(services.ingestHttp(), "chimera_ingest_files_total", "");
    }

    /** Report files written so far. */
    double reportsWritten() {
        return ServiceProbes.sum(services.reportHttp(), "chimera_reports_written_total", "");
    }

    void faultInjectedNow(String what) {
        faultAt = sinceFed();
        System.out.printf("%s: %s at %.1f s%n", name, what, faultAt);
    }

    void faultUndoneNow(String what) {
        restoredAt = sinceFed();
        System.out.printf("%s: %s at %.1f s%n", name, what, restoredAt);
    }

    void note(String note) {
        System.out.println(name + ": " + note);
        notes.add(note);
    }

    double sinceFed() {
        return (System.nanoTime() - fedAt) / 1e9;
    }

    /**
     * Waits until every model's report carries exactly the runs, failed runs and metric means of
     * {@code chimera run} on the same files and its narrative (status OK); on a timeout, the last
     * difference is the failure.
     */
    void awaitFaultFreeReports() {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(ReportFigures.read(reports)).isEqualTo(workload.expected());
            assertThat(ReportFigures.statuses(reports)).allSatisfy((model, status) -> assertThat(status).as(model).isEqualTo("OK"));
        });
        completeAt = sinceFed();
        System.out.printf("%s: reports of %d models complete at %.1f s%n", name, workload.expected().models().size(), completeAt);
        assertNothingDeadLettered("analyze", services.analyzeHttp());
        assertNothingDeadLettered("report", services.reportHttp());
    }

    /**
     * Every request and result the workload gives {@code service} is good: a fault may delay it, never
     * make it dead-letter one. (In F1 the analysis loop once dead-lettered a request whose configurations'
     * read timed out while the controller was replaced; a later request of the same model hid it from
     * the reports' figures.) The service must answer, so that a zero is its own count.
     */
    private static void assertNothingDeadLettered(String service, int port) {
        assertThat(ServiceProbes.health(port)).as(service + " answers /health").isNotEqualTo(-1);
        assertThat(ServiceProbes.sum(port, "chimera_dead_letters_total", "service=\"" + service + "\""))
                .as(service + "'s dead letters").isZero();
    }

    /** The figures once more, now: after a service came back, nothing may have been counted again. */
    void assertStillFaultFree() {
        assertThat(ReportFigures.read(reports)).isEqualTo(workload.expected());
    }

    void record(String fault) {
        RecoveryTimes.record(name, fault, faultAt, restoredAt, completeAt, String.join("; ", notes));
    }

    double completeAt() {
        return completeAt;
    }

    double faultAt() {
        return faultAt;
    }

    double restoredAt() {
        return restoredAt;
    }

    @Override
    public void close() {
        pipeline.stopServices(services);
    }
}
