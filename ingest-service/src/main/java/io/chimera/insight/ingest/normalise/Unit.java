package io.chimera.insight.ingest.normalise;

import java.math.BigDecimal;
import java.util.List;

/**
 * A unit values may be written in. Units of the same dimension convert into each other through
 * their {@code scale}: the size of the unit in the dimension's base unit, kept exact so that
 * {@code 1.1485114 s} becomes exactly {@code 1148.5114 ms}.
 *
 * @param name canonical spelling ({@code ms}, {@code tokens/s})
 * @param dimension what it measures ({@code time}, {@code rate}, ...)
 * @param scale size in the dimension's base unit
 * @param aliases spellings found in files, compared case-insensitively
 */
public record Unit(String name, String dimension, BigDecimal scale, List<String> aliases) {

    public Unit {
        aliases = List.copyOf(aliases);
    }

    /** Whether a value in this unit can be expressed in {@code other}. */
    public boolean convertibleTo(Unit other) {
        return dimension.equals(other.dimension);
    }
}
