package io.chimera.insight.bench.result;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a bench ran on, as the results file states it: figures mean little without the
 * cores, memory and JVM they were measured with.
 */
public record Machine(String host, int cores, String cpu, long memoryBytes, String os, String jvm, String jvmArgs,
                      long maxHeapBytes) {

    public static Machine current() {
        Runtime runtime = Runtime.getRuntime();
        return new Machine(hostName(), runtime.availableProcessors(), cpuModel(), memTotal(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                runtime.maxMemory());
    }

    /** The host name, safe for a file name. */
    public String hostSlug() {
        String slug = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "host" : slug;
    }

    public String toMarkdown() {
        return "- host: " + host + "\n"
                + "- cores: " + cores + (cpu.isEmpty() ? "" : " (" + cpu + ")") + "\n"
                + "- memory: " + Units.bytes(memoryBytes) + "\n"
                + "- OS: " + os + "\n"
                + "- JVM: " + jvm + ", max heap " + Units.bytes(maxHeapBytes) + "\n"
                + "- JVM options: `" + (jvmArgs.isBlank() ? "(none)" : jvmArgs) + "`\n";
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static String cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name").map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse("");
    }

    /** The 1-, 5- and 15-minute load averages as the kernel writes them, or empty where there is none. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long memTotal() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal:")
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                .orElse(0L);
    }

    private static java.util.Optional<String> procLine(Path file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
