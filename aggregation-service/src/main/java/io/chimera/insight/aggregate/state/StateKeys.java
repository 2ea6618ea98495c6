package io.chimera.insight.aggregate.state;

import io.chimera.insight.aggregate.statistics.SeriesId;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Composite keys of the aggregation stores. Parts are joined by NUL, which appears in no model
 * name, file id (hex) or config key, so that a prefix scan over {@code model NUL} finds exactly
 * one model's entries, and {@code model NUL fileId NUL} exactly one file's.
 */
public final class StateKeys {

    static final char SEPARATOR = '\u0000';

    /**
     * The order the stores keep String keys in: that of their UTF-8 bytes (RocksDB's and the in-memory
     * store's byte order), which is Unicode code point order. {@code String.compareTo} compares UTF-16
     * units and differs from it past the surrogates, so memory that lists keys as a store's scan would
     * sorts by this instead.
     */
    public static final Comparator<String> STORE_ORDER = StateKeys::compareCodePoints;

    private StateKeys() {
    }

    /** Key of a file's version in a model's aggregate. */
    static String file(String model, String fileId) {
        return model + SEPARATOR + fileId;
    }

    /** Key of the aggregate of one (model, file, config). */
    public static String config(String model, String fileId, String configKey) {
        return filePrefix(model, fileId) + configKey;
    }

    /** {@link #config(String, String, String)} from the file's key ({@link #file}). */
    static String config(String fileKey, String configKey) {
        return fileKey + SEPARATOR + configKey;
    }

    /** Prefix of every key of one model. */
    static String modelPrefix(String model) {
        return model + SEPARATOR;
    }

    /** Prefix of every config key of one (model, file). */
    static String filePrefix(String model, String fileId) {
        return file(model, fileId) + SEPARATOR;
    }

    /** Key of a change-detection series: model, config key, metric. */
    public static String series(SeriesId series) {
        return modelPrefix(series.model()) + series.configKey() + SEPARATOR + series.metric();
    }

    /** {@link #series(SeriesId)} from the configuration's key ({@link #changeConfig}) and the metric. */
    static String series(String changeConfigKey, String metric) {
        return changeConfigKey + SEPARATOR + metric;
    }

    /** The series of a key built by {@link #series}. */
    public static SeriesId seriesOf(String key) {
        int afterModel = key.indexOf(SEPARATOR);
        int afterConfig = key.indexOf(SEPARATOR, afterModel + 1);
        return new SeriesId(key.substring(0, afterModel), key.substring(afterModel + 1, afterConfig),
                key.substring(afterConfig + 1));
    }

    /** Key of a model's mark in {@code change-due}: the model has configurations with points not yet evaluated. */
    static String dueModel(String model) {
        return model;
    }

    /** Key of a model's configuration in change detection: the unit its runs are stored and evaluated by. */
    public static String changeConfig(String model, String configKey) {
        // One concatenation, not the model's prefix and then the config key: a string less per key built (a
        // configuration's key is built at a run whose configuration is not the last run's).
        return model + SEPARATOR + configKey;
    }

    /**
     * The prefix of a file's entries in {@code change-runs} within a configuration: model, config key,
     * file id, then the separator; a configuration's points are one prefix scan, and a file's in it
     * another (both layouts' entries: {@link #pointChunk}, and the earlier {@link #runPoint}).
     */
    static String filePointsPrefix(String model, String configKey, String fileId) {
        return filePointsPrefix(changeConfig(model, configKey), fileId);
    }

    /** {@link #filePointsPrefix(String, String, String)} from the configuration's key ({@link #changeConfig}). */
    static String filePointsPrefix(String changeConfigKey, String fileId) {
        return changeConfigKey + SEPARATOR + fileId + SEPARATOR;
    }

    /**
     * Key of chunk {@code number} of a file's points in a configuration ({@code PointChunk}): the file's
     * prefix ({@link #filePointsPrefix}), a separator (which no run id starts with: a run id is its file
     * id and a locator, so the two layouts' keys cannot meet) and the number as 8 hex digits.
     */
    static String pointChunk(String filePointsPrefix, int number) {
        // One concatenation with the number's part, built once for the first chunks (nearly every chunk: a
        // key per (configuration, file) pair met, most of them new, their first chunk). The key's bytes are
        // allocated once: the hex, its padding and the concatenation were three strings more each, and a
        // key built in a char array was twice its length in chars, then copied into the string.
        return filePointsPrefix.concat(number >= 0 && number < CHUNK_SUFFIXES.length ? CHUNK_SUFFIXES[number]
                : chunkSuffix(number));
    }

    /** The part of a chunk's key after its file's prefix for the first chunk numbers. */
    private static final String[] CHUNK_SUFFIXES = IntStream.range(0, 64).mapToObj(StateKeys::chunkSuffix)
            .toArray(String[]::new);

    /** The separator and the number as 8 hex digits. */
    private static String chunkSuffix(int number) {
        char[] suffix = new char[9];
        suffix[0] = SEPARATOR;
        for (int digit = 0; digit < 8; digit++) {
            suffix[8 - digit] = Character.forDigit((number >>> 4 * digit) & 0xf, 16);
        }
        return new String(suffix);
    }

    /** The chunk number of a key built by {@link #pointChunk}, given what follows its file's prefix. */
    static int chunkNumber(String afterFilePrefix) {
        return Integer.parseUnsignedInt(afterFilePrefix, 1, afterFilePrefix.length(), 16);
    }

    /**
     * Key of a run's point in the earlier layout of {@code change-runs} (one entry per run, read by
     * {@code ChangeStore} and rewritten into {@link #pointChunk} entries when its file is next written
     * there): its model, config key, file id and run id.
     */
    static String runPoint(String model, String configKey, String fileId, String runId) {
        return changeConfig(model, configKey) + SEPARATOR + fileId + SEPARATOR + runId;
    }

    /**
     * The configuration's key ({@link #changeConfig}) of a {@code change-series} key of either layout: a
     * configuration's entry (that key itself) or a series' entry of the earlier layout ({@link #series}).
     */
    static String changeConfigOfStates(String key) {
        int afterConfig = key.indexOf(SEPARATOR, key.indexOf(SEPARATOR) + 1);
        return afterConfig < 0 ? key : key.substring(0, afterConfig);
    }

    /** The config key of a key built by {@link #changeConfig}. */
    public static String configKeyOf(String changeConfigKey) {
        return changeConfigKey.substring(changeConfigKey.indexOf(SEPARATOR) + 1);
    }

    /** The model of a key built here. */
    public static String modelOf(String key) {
        return key.substring(0, key.indexOf(SEPARATOR));
    }

    /** The file id of a key built here. */
    public static String fileIdOf(String key) {
        int start = key.indexOf(SEPARATOR) + 1;
        int end = key.indexOf(SEPARATOR, start);
        return end < 0 ? key.substring(start) : key.substring(start, end);
    }

    /**
     * Code point order: as {@code String.compareTo} (UTF-16 units) but where the first differing units
     * are a surrogate (part of a code point past U+FFFF) and a unit that is not (a code point up to
     * U+FFFF), the surrogate's code point is the larger.
     */
    private static int compareCodePoints(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean surrogateX = Character.isSurrogate(x);
                return surrogateX == Character.isSurrogate(y) ? x - y : surrogateX ? 1 : -1;
            }
        }
        return a.length() - b.length();
    }
}
