package io.chimera.insight.aggregate.state;

/**
 * The keys a run's point is kept under in {@link ChangeStore}'s stores and memory: its configuration's
 * ({@link StateKeys#changeConfig}), its file's ({@link StateKeys#file}) and its file's points in that
 * configuration ({@link StateKeys#filePointsPrefix}). A run whose model, configuration and file are the
 * last run's takes the last run's keys, parts of them where only some are the same: a file's runs come
 * together on a partition, and each built the three keys afresh from its record's own strings (a record
 * decodes its own), then hashed each in a memory (profiled in the bench: the per-run point's largest
 * part). The same key objects keep their hashes, and a memory finds an entry put under the same object
 * by identity.
 */
final class RunKeys {

    private final String model;
    private final String configKey;
    private final String fileId;
    /** {@link StateKeys#changeConfig}. */
    final String config;
    /** {@link StateKeys#file}. */
    final String file;
    /** {@link StateKeys#filePointsPrefix}. */
    final String filePoints;

    private RunKeys(String model, String configKey, String fileId, String config, String file) {
        this.model = model;
        this.configKey = configKey;
        this.fileId = fileId;
        this.config = config;
        this.file = file;
        this.filePoints = StateKeys.filePointsPrefix(config, fileId);
    }

    String fileId() {
        return fileId;
    }

    /** Whether these are keys of the model's file (of whichever of its configurations). */
    boolean ofFile(String model, String fileId) {
        return this.fileId.equals(fileId) && this.model.equals(model);
    }

    /** The run's keys: {@code last} when the run is of its model, configuration and file, else built, from its parts where they are the same. */
    static RunKeys of(RunKeys last, String model, String configKey, String fileId) {
        if (last == null || !last.model.equals(model)) {
            return new RunKeys(model, configKey, fileId, StateKeys.changeConfig(model, configKey), StateKeys.file(model, fileId));
        }
        boolean sameConfig = last.configKey.equals(configKey);
        boolean sameFile = last.fileId.equals(fileId);
        if (sameConfig && sameFile) {
            return last;
        }
        return new RunKeys(last.model, sameConfig ? last.configKey : configKey, sameFile ? last.fileId : fileId,
                sameConfig ? last.config : StateKeys.changeConfig(model, configKey),
                sameFile ? last.file : StateKeys.file(model, fileId));
    }
}
