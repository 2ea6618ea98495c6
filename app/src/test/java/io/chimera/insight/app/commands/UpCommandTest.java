package io.chimera.insight.app.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.statistics.ChangeSettingsByMetric;
import io.chimera.insight.aggregate.statistics.HistoryBound;
import io.chimera.insight.aggregate.topology.AggregationSettings;
import io.chimera.insight.app.ChimeraCli;
import io.chimera.insight.app.local.LocalPipeline;
import io.chimera.insight.localstack.registry.RegistryAccess;
import io.chimera.insight.platform.change.ChangeSettings;
import io.chimera.insight.platform.change.ChangeTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code chimera up} hands the aggregation the timing its command line asked for: what it parses is
 * what {@link LocalPipeline#start} passes to the aggregation service.
 */
class UpCommandTest {

    @TempDir
    Path watched;

    @Test
    void theAggregationOfUpUsesTheDebounceAndMaxDelayOfItsCommandLine() {
        LocalPipeline.Options options = parse("up", "--watch", watched.toString(), "--debounce", "150",
                "--max-delay", "900");

        assertThat(options.aggregation().debounce()).isEqualTo(Duration.ofMillis(150));
        assertThat(options.aggregation().maxDelay()).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aDebounceBeyondTheDefaultMaxDelayIsTakenWithTheMaxDelayGivenBesideIt() {
        LocalPipeline.Options options = parse("up", "--watch", watched.toString(), "--debounce", "60000",
                "--max-delay", "120000");

        assertThat(options.aggregation().debounce()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.aggregation().maxDelay()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theChangeHistoryBoundIsTakenFromItsOptions() {
        LocalPipeline.Options options = parse("up", "--watch", watched.toString(), "--change-history-runs", "200",
                "--change-history-days", "30");

        assertThat(options.aggregation().changes().bound())
                .isEqualTo(new HistoryBound(200, Duration.ofDays(30)));
    }

    @Test
    void changeDetectionIsOnUnlessTurnedOff() {
        assertThat(parse("up", "--watch", watched.toString()).aggregation().changes().enabled()).isTrue();
        assertThat(parse("up", "--watch", watched.toString(), "--change-detection=false").aggregation().changes().enabled())
                .isFalse();
        assertThat(parse("up", "--watch", watched.toString(), "--change-detection", "false").aggregation().changes()
                .enabled()).isFalse();
    }

    @Test
    void theMinimumEffectIsTakenForEveryMetricAndOverriddenPerMetric() {
        LocalPipeline.Options options = parse("up", "--watch", watched.toString(), "--change-min-effect", "0.08",
                "--change-min-effect", "ttft_ms=0.10", "--change-alpha", "0.0001");

        ChangeSettingsByMetric settings = options.aggregation().changes().settings();
        assertThat(settings.forMetric("ttft_ms")).isEqualTo(new ChangeSettings(0.10, 0.0001, 3, ChangeTest.STUDENT, 0.001));
        assertThat(settings.forMetric("tokens_per_s"))
                .isEqualTo(new ChangeSettings(0.08, 0.0001, 3, ChangeTest.STUDENT, 0.001));
    }

    @Test
    void withoutChangeOptionsEveryMetricHasTheDocumentedDefaults() {
        ChangeSettingsByMetric settings = parse("up", "--watch", watched.toString()).aggregation().changes().settings();

        assertThat(settings.forMetric("ttft_ms")).isEqualTo(new ChangeSettings(0.05, 0.0001, 3, ChangeTest.STUDENT, 0.001));
        assertThat(settings.forMetric("tokens_per_s"))
                .isEqualTo(new ChangeSettings(0.05, 0.0001, 3, ChangeTest.STUDENT, 0.001));
    }

    @Test
    void theKeepAlphaIsTakenForEveryMetricAndMayNotBeBelowTheAlpha() {
        ChangeSettingsByMetric settings = parse("up", "--watch", watched.toString(), "--change-alpha", "0.0002",
                "--change-keep-alpha", "0.005").aggregation().changes().settings();
        assertThat(settings.forMetric("ttft_ms").keepAlpha()).isEqualTo(0.005);
        assertThat(settings.forMetric("tokens_per_s").alpha()).isEqualTo(0.0002);

        assertThat(parse("up", "--watch", watched.toString(), "--change-keep-alpha", "0.0001").aggregation().changes()
                .settings().forMetric("ttft_ms").hasHysteresis()).as("equal to the alpha: none").isFalse();
        assertThatThrownBy(() -> parse("up", "--watch", watched.toString(), "--change-alpha", "0.01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--change-keep-alpha must be at least --change-alpha (0.01)");
        assertThatThrownBy(() -> parse("up", "--watch", watched.toString(), "--change-keep-alpha", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--change-keep-alpha must be at least --change-alpha");
    }

    @Test
    void anUnknownMetricIsRejectedNamingTheKnownOnes() {
        assertThatThrownBy(() -> parse("up", "--watch", watched.toString(), "--change-min-effect", "ttfb_ms=0.10"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--change-min-effect")
                .hasMessageContaining("unknown metric 'ttfb_ms'")
                .hasMessageContaining("tokens_per_s, ttft_ms, latency_ms");
    }

    @Test
    void aMinimumEffectOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> parse("up", "--watch", watched.toString(), "--change-min-effect", "ttft_ms=1.0"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("must be in [0, 1)");
        assertThatThrownBy(() -> parse("up", "--watch", watched.toString(), "--change-min-effect", "-0.05"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("must be in [0, 1)");
        assertThatThrownBy(() -> parse("up", "--watch", watched.toString(), "--change-min-effect", "five"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("not FRACTION or METRIC=FRACTION");
    }

    @Test
    void anAlphaOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> parse("up", "--watch", watched.toString(), "--change-alpha", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--change-alpha must be in (0, 1)");
        assertThatThrownBy(() -> parse("up", "--watch", watched.toString(), "--change-alpha", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--change-alpha must be in (0, 1)");
    }

    @Test
    void theStreamThreadsAreTakenFromTheirOptionAndFewerThanOneIsRejected() {
        assertThat(parse("up", "--watch", watched.toString(), "--stream-threads", "3").aggregation().streamThreads())
                .isEqualTo(3);
        assertThat(parse("up", "--watch", watched.toString()).aggregation().streamThreads()).isEqualTo(1);
        for (String fewer : new String[] {"0", "-2"}) {
            assertThatThrownBy(() -> parse("up", "--watch", watched.toString(), "--stream-threads", fewer))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--stream-threads must be at least 1, got " + fewer);
        }
    }

    @Test
    void withoutThemItUsesTheAggregationDefaults() {
        LocalPipeline.Options options = parse("up", "--watch", watched.toString());

        assertThat(options.aggregation()).isEqualTo(AggregationSettings.defaults());
    }

    @Test
    void theEmbeddedRegistryIsWritableByThePipelineAloneUnlessRegistryOpenIsGiven() {
        LocalPipeline.Options closed = parse("up", "--watch", watched.toString());
        LocalPipeline.Options opened = parse("up", "--watch", watched.toString(), "--registry-open");

        assertThat(closed.registry().guarded()).isEqualTo(RegistryAccess.Guarded.WRITES);
        assertThat(opened.registry().guarded()).isEqualTo(RegistryAccess.Guarded.NOTHING);
    }

    private static LocalPipeline.Options parse(String... args) {
        CommandLine cli = ChimeraCli.commandLine();
        cli.parseArgs(args);
        UpCommand up = cli.getSubcommands().get("up").getCommand();
        return up.pipelineOptions();
    }
}
