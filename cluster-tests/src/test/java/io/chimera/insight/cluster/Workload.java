package io.chimera.insight.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.app.ChimeraCli;
import io.chimera.insight.bench.corpus.CorpusGenerator;
import io.chimera.insight.bench.corpus.ModelNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The input of the container tier and what it must give: the examples corpus plus a generated
 * corpus of {@value #GENERATED_FILES} files (bench's {@link CorpusGenerator}: CSV, JSON and
 * Markdown shapes, failed runs, a few unusable files), and the figures the real {@code chimera run}
 * reports on it in this JVM. Made once per test JVM, shared by every scenario: the fault-free
 * deployment and each fault must all give these figures.
 */
final class Workload {

    static final int GENERATED_FILES = 500;
    private static final int MODELS = 6;
    private static final long SEED = 14;

    private static Workload shared;

    /** Every file, relative to {@link #source}: the examples first, then the generated ones. */
    private final Path source;
    private final List<Path> files;
    private final ReportFigures expected;
    private final double chimeraRunSeconds;

    private Workload(Path source, List<Path> files, ReportFigures expected, double chimeraRunSeconds) {
        this.source = source;
        this.files = files;
        this.expected = expected;
        this.chimeraRunSeconds = chimeraRunSeconds;
    }

    /** The workload, made under {@code work} on first use. */
    static synchronized Workload get(Path repository, Path work) throws IOException {
        if (shared == null) {
            Path source = clean(work.resolve("input"));
            copyTree(repository.resolve("examples/benchmarks"), source.resolve("examples"));
            new CorpusGenerator(SEED).mixed(source.resolve("generated"), GENERATED_FILES, ModelNames.first(MODELS), done -> { });
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).map(source::relativize).sorted().toList();
            }
            long started = System.nanoTime();
            ReportFigures expected = ReportFigures.read(chimeraRun(source, clean(work.resolve("expected-reports"))));
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(expected.models()).as("models chimera run reported").hasSizeGreaterThan(MODELS);
            System.out.printf("workload: %d files, %d models; chimera run took %.1f s%n", files.size(),
                    expected.models().size(), seconds);
            shared = new Workload(source, files, expected, seconds);
        }
        return shared;
    }

    ReportFigures expected() {
        return expected;
    }

    int fileCount() {
        return files.size();
    }

    double chimeraRunSeconds() {
        return chimeraRunSeconds;
    }

    /** Feeds the files into {@code watched} in two parts, so that a fault can fall between them. */
    Feeder feederInto(Path watched) {
        return new Feeder(watched);
    }

    /**
     * Copies files into a watched folder the way a rig should: each written under a {@code .part}
     * name, which the watcher ignores, then renamed into place, so no file is read half-written.
     */
    final class Feeder {

        private final Path watched;
        private int fed;

        private Feeder(Path watched) {
            this.watched = watched;
        }

        /** The first half of the files (the examples and half the generated ones). */
        void firstHalf() {
            feedUpTo(files.size() / 2);
        }

        void rest() {
            feedUpTo(files.size());
        }

        private void feedUpTo(int end) {
            try {
                for (; fed < end; fed++) {
                    Path relative = files.get(fed);
                    Path target = watched.resolve(relative.toString());
                    Files.createDirectories(target.getParent());
                    Path part = target.resolveSibling(target.getFileName() + ".part");
                    Files.copy(source.resolve(relative), part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot feed " + watched, e);
            }
        }
    }

    /** The real {@code chimera run} on {@code input}, its LLM unreachable: the figures do not depend on it. */
    private static Path chimeraRun(Path input, Path reports) {
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = ChimeraCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute("run", "--input", input.toString(), "--reports", reports.toString(),
                "--llm", "http://127.0.0.1:" + new HostPorts().next(), "--debounce", "300");
        assertThat(exit).as("chimera run:%n%s", out).isZero();
        return reports;
    }

    /** {@code folder}, emptied or made. */
    static Path clean(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path path : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(folder);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
