package io.chimera.insight.cluster.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compose file and the Kubernetes manifests are one deployment contract: each pipeline service sees
 * the same environment variable names and listens on the same ports in both, so a variable or port added
 * to one file and forgotten in the other fails here. Also the compose file's network rule (every service
 * on host networking, nothing published) and Prometheus' scrape list against the compose ports. Static:
 * parses the files, runs nothing.
 */
class DeploymentContractTest {

    private static final Path DEPLOY = Path.of(System.getProperty("chimera.repository", "..")).resolve("deploy")
            .toAbsolutePath().normalize();
    private static final ComposeStack COMPOSE = ComposeStack.read(DEPLOY.resolve("docker-compose.yml"));
    private static final KubernetesManifests KUBERNETES = KubernetesManifests.read(DEPLOY.resolve("k8s"));

    @Test
    void composeAndKubernetesRunTheSamePipelineServices() {
        assertThat(COMPOSE.pipelineServices().keySet()).as("pipeline services of the compose file")
                .containsExactlyInAnyOrderElementsOf(ComposeStack.PIPELINE_COMMANDS)
                .isEqualTo(KUBERNETES.workloads().keySet());
    }

    /** Compared whole, service by service, so one failure shows every service that drifted. */
    @Test
    void everyServiceSeesTheSameVariableNamesInComposeAndKubernetes() {
        assertThat(perService(COMPOSE.pipelineServices(), ServiceContract::variables))
                .as("variable names per service: compose file (actual) vs deploy/k8s (expected)")
                .isEqualTo(perService(KUBERNETES.workloads(), ServiceContract::variables));
    }

    @Test
    void everyServiceListensOnTheSamePortsInComposeAndKubernetes() {
        COMPOSE.pipelineServices().forEach((service, compose) ->
                assertThat(compose.ports()).as("ports of %s in the compose file", service).containsKey("CHIMERA_HTTP_PORT"));
        assertThat(perService(COMPOSE.pipelineServices(), ServiceContract::ports))
                .as("ports per service: compose file (actual) vs deploy/k8s (expected)")
                .isEqualTo(perService(KUBERNETES.workloads(), ServiceContract::ports));
    }

    /** In the manifests, the container's named ports, its Service and the scrape annotation say the port its variables set. */
    @Test
    void kubernetesPortsAreTheOnesTheServicesListenOn() {
        SortedMap<String, ServiceContract> workloads = KUBERNETES.workloads();
        KUBERNETES.workloadContainers().forEach((component, container) -> {
            Map<String, String> listening = workloads.get(component).ports();
            Map<String, String> declared = DeploymentYaml.maps(container.get("ports"), component + " ports").stream()
                    .collect(Collectors.toMap(port -> portVariable(String.valueOf(port.get("name"))),
                            port -> String.valueOf(port.get("containerPort"))));
            assertThat(declared).as("containerPorts of %s", component).isEqualTo(listening);

            Map<String, Object> service = KUBERNETES.service(component).orElseThrow(() -> new AssertionError("no Service for " + component));
            Map<String, Object> metadata = DeploymentYaml.map(service.get("metadata"), component);
            assertThat(DeploymentYaml.map(metadata.get("annotations"), component).get("prometheus.io/port"))
                    .as("prometheus.io/port of the %s Service", component).isEqualTo(listening.get("CHIMERA_HTTP_PORT"));
            List<Map<String, Object>> ports = DeploymentYaml.maps(DeploymentYaml.map(service.get("spec"), component).get("ports"), component);
            assertThat(ports).as("ports of the %s Service", component).anySatisfy(port -> {
                assertThat(port.get("name")).isEqualTo("http");
                assertThat(String.valueOf(port.get("port"))).isEqualTo(listening.get("CHIMERA_HTTP_PORT"));
            });
        });
    }

    /** The network rule of the machines the stack runs on: host networking for every service, nothing published. */
    @Test
    void everyComposeServiceRunsOnHostNetworking() {
        assertThat(COMPOSE.services()).isNotEmpty().allSatisfy((name, service) -> {
            assertThat(service.get("network_mode")).as("network_mode of %s", name).isEqualTo("host");
            assertThat(service).as("%s publishes no ports (host networking)", name).doesNotContainKey("ports");
        });
    }

    @Test
    void prometheusScrapesEveryPortTheComposeServicesServeMetricsOn() {
        Map<String, Object> prometheus = DeploymentYaml.document(DEPLOY.resolve("prometheus/prometheus.yml"));
        List<String> targets = DeploymentYaml.maps(prometheus.get("scrape_configs"), "scrape_configs").stream()
                .flatMap(job -> DeploymentYaml.maps(job.get("static_configs"), "static_configs").stream())
                .flatMap(config -> ((List<?>) config.get("targets")).stream().map(String::valueOf))
                .toList();
        COMPOSE.services().keySet().forEach(name -> {
            Object port = COMPOSE.environment(name).get("CHIMERA_HTTP_PORT");
            if (port != null) {
                assertThat(targets).as("Prometheus targets (the /metrics of %s)", name).contains("127.0.0.1:" + port);
            }
        });
    }

    private static <T> SortedMap<String, T> perService(SortedMap<String, ServiceContract> contracts, Function<ServiceContract, T> part) {
        SortedMap<String, T> parts = new TreeMap<>();
        contracts.forEach((service, contract) -> parts.put(service, part.apply(contract)));
        return parts;
    }

    private static String portVariable(String portName) {
        return switch (portName) {
            case "http" -> "CHIMERA_HTTP_PORT";
            case "query" -> "CHIMERA_QUERY_PORT";
            default -> throw new AssertionError("a container port named " + portName + ", which no variable sets");
        };
    }
}
