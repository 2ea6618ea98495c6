package io.chimera.insight.cluster.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The objects of {@code deploy/k8s/*.yaml}: the workloads (Deployment, StatefulSet) by their
 * {@code app.kubernetes.io/component} label, and what their containers' environment is made of (their
 * own {@code env} plus the keys of every ConfigMap and Secret named in {@code envFrom}, the example
 * Secrets included).
 */
final class KubernetesManifests {

    private static final String COMPONENT = "app.kubernetes.io/component";

    private final List<Map<String, Object>> objects = new ArrayList<>();

    private KubernetesManifests(List<Map<String, Object>> objects) {
        this.objects.addAll(objects);
    }

    static KubernetesManifests read(Path folder) {
        List<Map<String, Object>> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.toString().endsWith(".yaml")).sorted()
                    .forEach(file -> objects.addAll(DeploymentYaml.documents(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return new KubernetesManifests(objects);
    }

    /** Each workload's single container, by the workload's component. */
    SortedMap<String, Map<String, Object>> workloadContainers() {
        SortedMap<String, Map<String, Object>> containers = new TreeMap<>();
        for (Map<String, Object> object : objects) {
            if (List.of("Deployment", "StatefulSet").contains(object.get("kind"))) {
                String component = component(object);
                Map<String, Object> pod = DeploymentYaml.map(
                        DeploymentYaml.map(DeploymentYaml.map(object.get("spec"), component).get("template"), component).get("spec"),
                        component);
                List<Map<String, Object>> list = DeploymentYaml.maps(pod.get("containers"), component + " containers");
                if (list.size() != 1) {
                    throw new IllegalArgumentException(component + " has " + list.size() + " containers, not one");
                }
                containers.put(component, list.get(0));
            }
        }
        return containers;
    }

    /** The contract of each workload's container. */
    SortedMap<String, ServiceContract> workloads() {
        SortedMap<String, ServiceContract> contracts = new TreeMap<>();
        workloadContainers().forEach((component, container) -> contracts.put(component, ServiceContract.of(environment(container))));
        return contracts;
    }

    /** The Service selecting {@code component}'s pods. */
    Optional<Map<String, Object>> service(String component) {
        return objects.stream().filter(object -> "Service".equals(object.get("kind")))
                .filter(object -> component.equals(component(object))).findFirst();
    }

    /** A container's environment: ConfigMaps and Secrets of envFrom first, its own env over them. */
    private Map<String, Object> environment(Map<String, Object> container) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Map<String, Object> source : DeploymentYaml.maps(container.get("envFrom"), "envFrom")) {
            source.forEach((kind, reference) -> {
                String name = String.valueOf(DeploymentYaml.map(reference, "envFrom " + kind).get("name"));
                variables.putAll(keys(kind.equals("configMapRef") ? "ConfigMap" : "Secret", name));
            });
        }
        for (Map<String, Object> variable : DeploymentYaml.maps(container.get("env"), "env")) {
            variables.put(String.valueOf(variable.get("name")), variable.get("value"));
        }
        return variables;
    }

    /** The data of the ConfigMap or Secret {@code name} ({@code stringData} and {@code data} of a Secret). */
    private Map<String, Object> keys(String kind, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        objects.stream().filter(object -> kind.equals(object.get("kind")))
                .filter(object -> name.equals(DeploymentYaml.map(object.get("metadata"), kind).get("name")))
                .forEach(object -> {
                    data.putAll(DeploymentYaml.map(object.get("data"), kind + " " + name));
                    data.putAll(DeploymentYaml.map(object.get("stringData"), kind + " " + name));
                });
        if (data.isEmpty()) {
            throw new IllegalArgumentException("envFrom names the " + kind + " " + name + ", which no manifest defines");
        }
        return data;
    }

    private static String component(Map<String, Object> object) {
        Map<String, Object> metadata = DeploymentYaml.map(object.get("metadata"), "metadata");
        return String.valueOf(DeploymentYaml.map(metadata.get("labels"), "labels of " + metadata.get("name")).get(COMPONENT));
    }
}
