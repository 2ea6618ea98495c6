package io.chimera.insight.app.options;

import io.chimera.insight.platform.metrics.CanonicalMetric;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --change-min-effect} value: {@code 0.05} sets the minimum effect of every metric,
 * {@code ttft_ms=0.10} that of one metric of the catalogue.
 *
 * @param metric   the metric it is for; empty for every metric without its own
 * @param fraction the minimum relative change, in [0, 1)
 */
public record MinEffectSetting(Optional<CanonicalMetric> metric, double fraction) {

    /** Parses {@code FRACTION} or {@code METRIC=FRACTION}, with an error that says what is allowed. */
    public static final class Converter implements ITypeConverter<MinEffectSetting> {

        @Override
        public MinEffectSetting convert(String value) {
            int equals = value.indexOf('=');
            Optional<CanonicalMetric> metric = Optional.empty();
            String number = value;
            if (equals >= 0) {
                String name = value.substring(0, equals).trim();
                metric = Optional.of(CanonicalMetric.named(name).orElseThrow(() -> new TypeConversionException(
                        "unknown metric '" + name + "' in '" + value + "'; known metrics: " + knownMetrics())));
                number = value.substring(equals + 1);
            }
            double fraction;
            try {
                fraction = Double.parseDouble(number.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not FRACTION or METRIC=FRACTION (e.g. 0.05, "
                        + CanonicalMetric.TTFT_MS.canonicalName() + "=0.10)");
            }
            // Below 1: a mean cannot drop by 100 % or more, so such a minimum would hide every drop.
            if (!(fraction >= 0 && fraction < 1)) {
                throw new TypeConversionException("the minimum effect in '" + value + "' must be in [0, 1) "
                        + "(a fraction: 0.05 is 5 %), got " + number.trim());
            }
            return new MinEffectSetting(metric, fraction);
        }

        private static String knownMetrics() {
            return Arrays.stream(CanonicalMetric.values()).map(CanonicalMetric::canonicalName)
                    .collect(Collectors.joining(", "));
        }
    }
}
