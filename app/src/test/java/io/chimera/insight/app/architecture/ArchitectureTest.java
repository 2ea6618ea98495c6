package io.chimera.insight.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.chimera.insight.platform.metrics.CanonicalMetric;

/**
 * The layering that docs/architecture.md draws, checked on the compiled classes of every module
 * the CLI ships (production code only: tests may start brokers from {@code local-stack}).
 * {@code bench} is not on this module's classpath and is not held to these rules.
 */
@AnalyzeClasses(packages = "io.chimera.insight", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String INGEST = "io.chimera.insight.ingest..";
    private static final String AGGREGATE = "io.chimera.insight.aggregate..";
    private static final String ANALYSIS = "io.chimera.insight.analysis..";
    private static final String REPORT = "io.chimera.insight.report..";
    private static final String LOCAL_STACK = "io.chimera.insight.localstack..";
    private static final String APP = "io.chimera.insight.app..";
    private static final String PLATFORM = "io.chimera.insight.platform..";
    private static final String SCHEMAS = "io.chimera.insight.schemas..";
    private static final String EVENTS = "io.chimera.insight.events..";

    @ArchTest
    static final ArchRule servicesNeverImportLocalStackOrApp = noClasses()
            .that().resideInAnyPackage(INGEST, AGGREGATE, ANALYSIS, REPORT)
            .should().dependOnClassesThat().resideInAnyPackage(LOCAL_STACK, APP)
            .because("a service's production classpath runs against a real cluster and carries no broker");

    @ArchTest
    static final ArchRule ingestStandsAlone = serviceStandsAlone(INGEST, AGGREGATE, ANALYSIS, REPORT);

    @ArchTest
    static final ArchRule aggregationStandsAlone = serviceStandsAlone(AGGREGATE, INGEST, ANALYSIS, REPORT);

    @ArchTest
    static final ArchRule analysisStandsAlone = serviceStandsAlone(ANALYSIS, INGEST, AGGREGATE, REPORT);

    @ArchTest
    static final ArchRule reportStandsAlone = serviceStandsAlone(REPORT, INGEST, AGGREGATE, ANALYSIS);

    @ArchTest
    static final ArchRule sharedCodeKnowsNoService = noClasses()
            .that().resideInAnyPackage(PLATFORM, SCHEMAS, EVENTS)
            .should().dependOnClassesThat().resideInAnyPackage(INGEST, AGGREGATE, ANALYSIS, REPORT, LOCAL_STACK, APP)
            .because("platform and schemas sit under every service");

    @ArchTest
    static final ArchRule localStackKnowsNoService = noClasses()
            .that().resideInAPackage(LOCAL_STACK)
            .should().dependOnClassesThat().resideInAnyPackage(INGEST, AGGREGATE, ANALYSIS, REPORT, APP)
            .because("the embedded broker, registry and worker stand in for infrastructure, not for our services");

    /**
     * The topology, its statistics and its state codecs are pure: they are handed their settings and
     * topic names, and {@code AggregationService} alone owns the Streams client and its configuration.
     */
    @ArchTest
    static final ArchRule topologyBuildersDoNoIo = noClasses()
            .that().resideInAnyPackage("io.chimera.insight.aggregate.topology..",
                    "io.chimera.insight.aggregate.statistics..", "io.chimera.insight.aggregate.state..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "okhttp3..",
                    "com.sun.net.httpserver..", "org.apache.kafka.clients.producer..",
                    "org.apache.kafka.clients.admin..")
            .orShould().dependOnClassesThat().haveNameMatching(
                    "java\\.io\\.(File|RandomAccessFile)\\w*|org\\.apache\\.kafka\\.clients\\.consumer\\.KafkaConsumer"
                            + "|org\\.apache\\.kafka\\.streams\\.(KafkaStreams|StreamsConfig)")
            .because("topology builders are static and testable with the TopologyTestDriver: no I/O");

    @ArchTest
    static final ArchRule topologyBuildersReadNoConfiguration = noClasses()
            .that().resideInAnyPackage("io.chimera.insight.aggregate.topology..",
                    "io.chimera.insight.aggregate.statistics..", "io.chimera.insight.aggregate.state..")
            .should().callMethod(System.class, "getenv", String.class)
            .orShould().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getProperty", String.class)
            .orShould().callMethod(System.class, "getProperty", String.class, String.class)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.chimera.insight.platform.kafka.KafkaSettings")
            .orShould().dependOnClassesThat().resideInAPackage("picocli..")
            .because("settings reach a topology as values (AggregationSettings, TopicNames), never read by it");

    /**
     * Inside the aggregation: query over topology over state over statistics, never back up; under all of
     * them {@code memory}, the bounded memory each layer keeps beside the stores ({@code WeightedLru}).
     */
    @ArchTest
    static final ArchRule aggregationLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("service").definedBy("io.chimera.insight.aggregate")
            .layer("query").definedBy("io.chimera.insight.aggregate.query..")
            .layer("topology").definedBy("io.chimera.insight.aggregate.topology..")
            .layer("state").definedBy("io.chimera.insight.aggregate.state..")
            .layer("statistics").definedBy("io.chimera.insight.aggregate.statistics..")
            .layer("memory").definedBy("io.chimera.insight.aggregate.memory..")
            .whereLayer("service").mayNotBeAccessedByAnyLayer()
            .whereLayer("query").mayOnlyBeAccessedByLayers("service")
            .whereLayer("topology").mayOnlyBeAccessedByLayers("service", "query")
            .whereLayer("state").mayOnlyBeAccessedByLayers("service", "query", "topology")
            .whereLayer("statistics").mayOnlyBeAccessedByLayers("service", "query", "topology", "state")
            .whereLayer("memory").mayOnlyBeAccessedByLayers("service", "query", "topology", "state", "statistics");

    /**
     * A canonical metric's name is written once, in {@link CanonicalMetric}; everything else asks
     * the catalogue. Exempt: the LLM clients' stream decoders and the worker simulator, where
     * {@code eval_count} and friends are field names of Ollama's and OpenAI's wire protocols, which
     * our vocabulary borrowed, not our metric names; and the classes Avro generates from the
     * schemas, whose embedded schema text documents those protocol fields.
     */
    @ArchTest
    static final ArchRule onlyTheCatalogueSpellsMetricNames = classes()
            .that().doNotBelongToAnyOf(CanonicalMetric.class)
            .and().resideOutsideOfPackages("io.chimera.insight.analysis.llm", "io.chimera.insight.localstack.worker",
                    "io.chimera.insight.events")
            .should(new ArchCondition<JavaClass>("not spell a canonical metric name in a string literal") {
                @Override
                public void check(JavaClass javaClass, ConditionEvents events) {
                    for (String literal : ClassFileStrings.of(javaClass.getSource().orElseThrow().getUri())) {
                        for (CanonicalMetric metric : CanonicalMetric.values()) {
                            if (spells(literal, metric.canonicalName())) {
                                events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
                                        + " spells \"" + metric.canonicalName() + "\" in a literal: "
                                        + (literal.length() <= 120 ? literal : literal.substring(0, 117) + "...")));
                            }
                        }
                    }
                }
            })
            .because("the catalogue is the one place a metric's name, unit and direction are written");

    /** The name as a word of the literal: {@code "ttft_ms"}, {@code "by ttft_ms"}, not {@code "my_ttft_ms2"}. */
    private static boolean spells(String literal, String name) {
        int at = literal.indexOf(name);
        while (at >= 0) {
            int end = at + name.length();
            boolean wordStart = at == 0 || !isNamePart(literal.charAt(at - 1));
            boolean wordEnd = end == literal.length() || !isNamePart(literal.charAt(end));
            if (wordStart && wordEnd) {
                return true;
            }
            at = literal.indexOf(name, at + 1);
        }
        return false;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static ArchRule serviceStandsAlone(String service, String... others) {
        return noClasses().that().resideInAPackage(service)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk through Kafka topics only; shared code lives in platform");
    }
}
