package io.chimera.insight.ingest.normalise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The units known to the mapping rules, looked up by any of their spellings. */
public final class Units {

    /** Exact factors between two scales, when there is one (always, for powers of ten). */
    private static final Map<List<BigDecimal>, Optional<BigDecimal>> FACTORS = new ConcurrentHashMap<>();
    /** Of those, the ones that are a power of ten, as its exponent. */
    private static final Map<List<BigDecimal>, Optional<Integer>> POWERS_OF_TEN = new ConcurrentHashMap<>();

    private final Map<String, Unit> byName;
    private final Map<String, Unit> byAlias;

    Units(Collection<Unit> units) {
        Map<String, Unit> names = new LinkedHashMap<>();
        Map<String, Unit> aliases = new LinkedHashMap<>();
        for (Unit unit : units) {
            names.put(unit.name(), unit);
            aliases.put(key(unit.name()), unit);
            for (String alias : unit.aliases()) {
                aliases.put(key(alias), unit);
            }
        }
        this.byName = Map.copyOf(names);
        this.byAlias = Map.copyOf(aliases);
    }

    /** The unit with this canonical name. */
    public Optional<Unit> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The unit written this way in a file ({@code tok/s}, {@code Seconds}), if known. */
    public Optional<Unit> parse(String spelling) {
        return Optional.ofNullable(byAlias.get(key(spelling)));
    }

    public List<Unit> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Converts {@code value} from {@code from} to {@code to}. Decimal arithmetic keeps the figures a
     * reader checks by hand exact (seconds to milliseconds is a shift of the decimal point).
     *
     * @throws IllegalArgumentException when the units measure different things
     */
    public static BigDecimal convert(BigDecimal value, Unit from, Unit to) {
        if (sameScale(from, to)) {
            return value;
        }
        Optional<BigDecimal> factor = factor(from.scale(), to.scale());
        // Multiplying by an exact factor gives the same value as dividing, at a fraction of the cost
        // (the division was 18 % of CSV parsing); scales whose quotient does not terminate divide.
        return factor.isPresent() ? value.multiply(factor.get())
                : value.multiply(from.scale()).divide(to.scale(), MathContext.DECIMAL128);
    }

    /**
     * {@code quantity} converted from {@code from} to {@code to}, as the nearest double: what
     * {@code convert(quantity.value(), from, to).doubleValue()} gives. Between scales a power of ten
     * apart (s, ms, us, ns), the conversion moves the decimal point of the text and rounds once,
     * without decimal arithmetic.
     *
     * @throws IllegalArgumentException when the units measure different things
     */
    public static double toDouble(Quantity quantity, Unit from, Unit to) {
        if (sameScale(from, to)) {
            return quantity.toDouble();
        }
        Optional<Integer> power = POWERS_OF_TEN.computeIfAbsent(List.of(from.scale(), to.scale()),
                scales -> factor(scales.get(0), scales.get(1)).flatMap(Units::powerOfTen));
        return power.isPresent() ? quantity.toDoubleTimesTenTo(power.get())
                : convert(quantity.value(), from, to).doubleValue();
    }

    /**
     * Whether {@code from} and {@code to} are the same size, so a value needs no conversion.
     *
     * @throws IllegalArgumentException when the units measure different things
     */
    private static boolean sameScale(Unit from, Unit to) {
        if (!from.convertibleTo(to)) {
            throw new IllegalArgumentException("cannot convert " + from.name() + " to " + to.name());
        }
        return from.scale().compareTo(to.scale()) == 0;
    }

    private static Optional<BigDecimal> factor(BigDecimal fromScale, BigDecimal toScale) {
        return FACTORS.computeIfAbsent(List.of(fromScale, toScale),
                scales -> exactQuotient(scales.get(0), scales.get(1)));
    }

    /** k when {@code factor} is exactly 10^k. */
    private static Optional<Integer> powerOfTen(BigDecimal factor) {
        BigDecimal stripped = factor.stripTrailingZeros();
        return stripped.unscaledValue().equals(BigInteger.ONE) ? Optional.of(-stripped.scale()) : Optional.empty();
    }

    private static Optional<BigDecimal> exactQuotient(BigDecimal dividend, BigDecimal divisor) {
        try {
            return Optional.of(dividend.divide(divisor));
        } catch (ArithmeticException nonTerminating) {
            return Optional.empty();
        }
    }

    private static String key(String spelling) {
        return spelling.trim().toLowerCase(Locale.ROOT);
    }
}
