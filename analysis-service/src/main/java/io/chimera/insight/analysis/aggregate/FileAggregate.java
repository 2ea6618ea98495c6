package io.chimera.insight.analysis.aggregate;

import java.util.List;

/** A model's records from one version of one file, per configuration in config-key order. */
record FileAggregate(String fileId, FileVersion version, List<ConfigAggregate> configs) {

    FileAggregate {
        configs = List.copyOf(configs);
    }

    boolean hasRecords() {
        return configs.stream().anyMatch(ConfigAggregate::hasRecords);
    }
}
