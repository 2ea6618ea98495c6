package io.chimera.insight.aggregate.statistics;

import io.chimera.insight.events.Metric;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A run's metrics as the aggregation's own decoder reads them ({@code topology.RunRecordReader}): names, units,
 * source names and values in arrays, by position, in the order Avro's reader's {@code HashMap} of the same record
 * would iterate them. Equal to that map (same entries, same order), but without a hash table, and without a
 * {@link Metric} object per metric until one is asked for: {@link RunValues#of} reads the arrays, and change
 * detection asks for a handful of metrics by name. The names and units are the decoder's shared strings, so
 * {@link MetricKeys} matches them with a reference comparison.
 *
 * <p>Read-only (a run's metrics are read, never changed, downstream of the decoder).
 */
public final class RunMetrics extends AbstractMap<String, Metric> {

    private final String[] names;
    private final String[] units;
    private final String[] sources;
    private final double[] values;
    /** The {@link Metric} of each position, made when first asked for. */
    private Metric[] metrics;

    /** Over these arrays, which the map then owns; one name per position, no name twice. */
    public RunMetrics(String[] names, String[] units, String[] sources, double[] values) {
        this.names = names;
        this.units = units;
        this.sources = sources;
        this.values = values;
    }

    @Override
    public int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    String unit(int i) {
        return units[i];
    }

    double value(int i) {
        return values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Metric get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : metric(i);
    }

    private int indexOf(Object key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == key) {
                return i;
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private Metric metric(int i) {
        if (metrics == null) {
            metrics = new Metric[names.length];
        }
        Metric metric = metrics[i];
        if (metric == null) {
            metric = new Metric(values[i], units[i], sources[i]);
            metrics[i] = metric;
        }
        return metric;
    }

    @Override
    public Set<Map.Entry<String, Metric>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Map.Entry<String, Metric>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, Metric> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], metric(i));
                    }
                };
            }
        };
    }
}
