package io.chimera.insight.bench.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Writes a realistic benchmark corpus: the CSV, JSON and Markdown shapes of real rig outputs
 * ({@link FileShape}), many models and option sweeps, a few failed runs and a few unusable
 * files. Deterministic: the same seed gives the same bytes, so two bench runs ingest the same
 * input.
 *
 * <pre>{@code
 * GeneratedCorpus corpus = new CorpusGenerator(42).mixed(dir, 10_000, ModelNames.first(20), done -> { });
 * }</pre>
 */
public final class CorpusGenerator {

    /** Share of runs that fail (a connection refused, a timeout), as in the real sweeps. */
    public static final double FAILURE_SHARE = 0.02;

    /** Files per folder, so a large corpus looks like many rig runs rather than one huge folder. */
    static final int FILES_PER_FOLDER = 100;

    private final long seed;

    public CorpusGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * {@code files} files under {@code root}, models taking turns, shapes drawn by their weights
     * (bad files included).
     */
    public GeneratedCorpus mixed(Path root, int files, List<String> models, IntConsumer onFile) throws IOException {
        return write(root, files, models, FileShape.values(), onFile);
    }

    /** {@code files} usable files, all about one model: a burst such as a rig finishing a long sweep. */
    public GeneratedCorpus burst(Path root, int files, String model, IntConsumer onFile) throws IOException {
        FileShape[] good = Arrays.stream(FileShape.values()).filter(s -> !s.bad() && s != FileShape.SUMMARY_CSV)
                .toArray(FileShape[]::new);
        return write(root, files, List.of(model), good, onFile);
    }

    /** Configurations per file of {@link #configSweep}: a long rig sweep, written as it goes. */
    static final int CONFIGS_PER_SWEEP_FILE = 100;

    /**
     * One model swept over {@code configs} distinct configurations, {@code runsPerConfig} runs each,
     * in param-sweep CSVs of {@value #CONFIGS_PER_SWEEP_FILE} configurations: what makes a model's
     * aggregate grow with its configurations rather than with its runs.
     */
    public GeneratedCorpus configSweep(Path root, String model, int configs, int runsPerConfig, IntConsumer onFile)
            throws IOException {
        if (configs < 1 || runsPerConfig < 1) {
            throw new IllegalArgumentException("a sweep needs at least one configuration and one run of each");
        }
        RunSampler sampler = new RunSampler(new Random(seed), FAILURE_SHARE);
        List<GeneratedFile> written = new ArrayList<>();
        Path folder = null;
        for (int first = 0, file = 0; first < configs; first += CONFIGS_PER_SWEEP_FILE, file++) {
            if (file % FILES_PER_FOLDER == 0) {
                folder = Files.createDirectories(root.resolve(String.format("sweep-%05d", file / FILES_PER_FOLDER)));
            }
            List<SweepConfig> points = new ArrayList<>();
            for (int i = first; i < Math.min(configs, first + CONFIGS_PER_SWEEP_FILE); i++) {
                points.add(SweepConfig.nth(i));
            }
            written.add(CsvShapes.sweepFile(folder, file, model, points, runsPerConfig, sampler));
            onFile.accept(file + 1);
        }
        return new GeneratedCorpus(root, written);
    }

    /** One file of {@code shape} for {@code model} in {@code folder}; {@code index} makes its name unique. */
    public GeneratedFile one(Path folder, int index, String model, FileShape shape) throws IOException {
        Files.createDirectories(folder);
        return shape.writer().write(folder, index, model, sampler(index));
    }

    private GeneratedCorpus write(Path root, int files, List<String> models, FileShape[] shapes, IntConsumer onFile)
            throws IOException {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        Random random = new Random(seed);
        RunSampler sampler = new RunSampler(random, FAILURE_SHARE);
        List<GeneratedFile> written = new ArrayList<>(files);
        int totalWeight = Arrays.stream(shapes).mapToInt(FileShape::weight).sum();
        Path folder = null;
        for (int i = 0; i < files; i++) {
            if (i % FILES_PER_FOLDER == 0) {
                folder = Files.createDirectories(root.resolve(String.format("rig-%02d", i / (FILES_PER_FOLDER * 10)))
                        .resolve(String.format("run-%05d", i / FILES_PER_FOLDER)));
            }
            FileShape shape = draw(shapes, totalWeight, random);
            written.add(shape.writer().write(folder, i, models.get(i % models.size()), sampler));
            onFile.accept(i + 1);
        }
        return new GeneratedCorpus(root, written);
    }

    private RunSampler sampler(int index) {
        return new RunSampler(new Random(seed * 31 + index), FAILURE_SHARE);
    }

    private static FileShape draw(FileShape[] shapes, int totalWeight, Random random) {
        int ticket = random.nextInt(totalWeight);
        for (FileShape shape : shapes) {
            ticket -= shape.weight();
            if (ticket < 0) {
                return shape;
            }
        }
        throw new IllegalStateException("weights changed while drawing");
    }
}
