package io.chimera.insight.cluster.deploy;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one pipeline service is given by a deployment file: the names of the environment variables its
 * container sees, and the ports it listens on, by the variable that sets each.
 *
 * @param variables every variable name the container's environment holds
 * @param ports the port variables ({@code CHIMERA_HTTP_PORT}, {@code CHIMERA_QUERY_PORT}) and their values
 */
record ServiceContract(SortedSet<String> variables, SortedMap<String, String> ports) {

    /** The variables that set a port the service listens on. */
    static final Set<String> PORT_VARIABLES = Set.of("CHIMERA_HTTP_PORT", "CHIMERA_QUERY_PORT");

    /** The contract of a container whose environment is {@code environment} (values as the file gives them). */
    static ServiceContract of(Map<String, ?> environment) {
        SortedMap<String, String> ports = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (PORT_VARIABLES.contains(name)) {
                ports.put(name, String.valueOf(value));
            }
        });
        return new ServiceContract(new TreeSet<>(environment.keySet()), ports);
    }
}
