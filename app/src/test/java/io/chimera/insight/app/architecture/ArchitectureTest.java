package io.chimera.insight.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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

    /** Inside the aggregation: query over topology over state over statistics, never back up. */
    @ArchTest
    static final ArchRule aggregationLayers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("service").definedBy("io.chimera.insight.aggregate")
            .layer("query").definedBy("io.chimera.insight.aggregate.query..")
            .layer("topology").definedBy("io.chimera.insight.aggregate.topology..")
            .layer("state").definedBy("io.chimera.insight.aggregate.state..")
            .layer("statistics").definedBy("io.chimera.insight.aggregate.statistics..")
            .whereLayer("service").mayNotBeAccessedByAnyLayer()
            .whereLayer("query").mayOnlyBeAccessedByLayers("service")
            .whereLayer("topology").mayOnlyBeAccessedByLayers("service", "query")
            .whereLayer("state").mayOnlyBeAccessedByLayers("service", "query", "topology")
            .whereLayer("statistics").mayOnlyBeAccessedByLayers("service", "query", "topology", "state");

    private static ArchRule serviceStandsAlone(String service, String... others) {
        return noClasses().that().resideInAPackage(service)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk through Kafka topics only; shared code lives in platform");
    }
}
