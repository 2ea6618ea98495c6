package io.chimera.insight.aggregate.statistics;

import java.util.List;

/** A model's records from one version of one file, per configuration in config-key order. */
public record FileAggregate(String fileId, FileVersion version, List<ConfigAggregate> configs) {

    public FileAggregate {
        configs = List.copyOf(configs);
    }

    public boolean hasRecords() {
        return configs.stream().anyMatch(ConfigAggregate::hasRecords);
    }
}
