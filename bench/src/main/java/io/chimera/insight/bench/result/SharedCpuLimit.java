package io.chimera.insight.bench.result;

/**
 * Ingest's honest limit on a machine where parsing and Kafka share the cores: a record costs the
 * CPU what the raw producer spends sending it plus what ingest's readers spend reading, parsing,
 * normalising and encoding it, so the most records a second both can do together is
 * {@code 1 ÷ (1/producer + 1/parse-only)} (issue 17).
 */
public final class SharedCpuLimit {

    private SharedCpuLimit() {
    }

    /**
     * @param rawProducer records/s the raw producer sends, with every core
     * @param parseOnly   records/s ingest's readers read and encode without Kafka, with every core
     */
    public static double recordsPerSecond(double rawProducer, double parseOnly) {
        if (!(rawProducer > 0) || !(parseOnly > 0) || Double.isInfinite(rawProducer) || Double.isInfinite(parseOnly)) {
            throw new IllegalArgumentException("both rates must be positive and finite: raw producer " + rawProducer
                    + ", parse-only " + parseOnly);
        }
        return 1 / (1 / rawProducer + 1 / parseOnly);
    }
}
