package io.chimera.insight.platform.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meter registry of one process: Prometheus, with the JVM and process binders. A service run
 * alone labels every meter with its name ({@code service}); in local mode, where several services
 * share the process and its one {@code /metrics}, each of our meters carries its own service label
 * instead (see {@link PipelineMetrics}) and the JVM meters carry none.
 */
public final class OpsRegistry implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, PipelineMetrics> pipelines = new ConcurrentHashMap<>();

    private OpsRegistry(String service) {
        if (service != null) {
            registry.config().commonTags(PipelineMetrics.SERVICE, service);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** The registry of a process that runs one service: every meter is labelled {@code service=<name>}. */
    public static OpsRegistry forService(String service) {
        return new OpsRegistry(service);
    }

    /** The registry of a process that runs several services (local mode). */
    public static OpsRegistry shared() {
        return new OpsRegistry(null);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The pipeline meters of one service, recorded into this registry; one instance per service. */
    public PipelineMetrics pipeline(String service) {
        // One instance per service: its in-flight gauges count through the instance that registered them.
        return pipelines.computeIfAbsent(service, name -> PipelineMetrics.of(registry, name));
    }

    /** Everything in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
