package io.chimera.insight.cluster.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** The services of {@code deploy/docker-compose.yml}, anchors and merge keys resolved. */
final class ComposeStack {

    /** The commands of the pipeline services, which the Kubernetes manifests run too. */
    static final Set<String> PIPELINE_COMMANDS = Set.of("ingest", "aggregate", "analyze", "report");

    private final Map<String, Map<String, Object>> services = new LinkedHashMap<>();

    private ComposeStack(Map<String, Object> file, String where) {
        DeploymentYaml.map(file.get("services"), where + ": services")
                .forEach((name, service) -> services.put(name, DeploymentYaml.map(service, where + ": " + name)));
    }

    static ComposeStack read(Path file) {
        return new ComposeStack(DeploymentYaml.document(file), file.toString());
    }

    /** Every service, by name. */
    Map<String, Map<String, Object>> services() {
        return services;
    }

    /** The services running a pipeline command (the first word of their command), by service name. */
    SortedMap<String, ServiceContract> pipelineServices() {
        SortedMap<String, ServiceContract> contracts = new TreeMap<>();
        services.forEach((name, service) -> {
            if (service.get("command") instanceof List<?> command && !command.isEmpty()
                    && PIPELINE_COMMANDS.contains(String.valueOf(command.get(0)))) {
                contracts.put(name, ServiceContract.of(environment(name)));
            }
        });
        return contracts;
    }

    /** The environment of service {@code name}: Compose's mapping form, or its list form of NAME=VALUE. */
    Map<String, Object> environment(String name) {
        Object environment = services.get(name).get("environment");
        if (environment instanceof List<?> entries) {
            Map<String, Object> variables = new LinkedHashMap<>();
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                variables.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
            }
            return variables;
        }
        return DeploymentYaml.map(environment, "environment of " + name);
    }
}
