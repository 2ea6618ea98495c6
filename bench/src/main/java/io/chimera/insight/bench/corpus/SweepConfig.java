package io.chimera.insight.bench.corpus;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One point of an Ollama option sweep, as rigs vary them.
 *
 * @param numGpu      layers offloaded to the GPU (999 = all)
 * @param numCtx      context window
 * @param temperature sampling temperature
 */
record SweepConfig(int numGpu, int numCtx, double temperature) {

    static final int[] NUM_GPU = {999, 80, 60, 40};
    static final int[] NUM_CTX = {256, 512, 1024, 2048, 4096};
    static final double[] TEMPERATURE = {0.2, 0.4, 0.6, 0.8};

    /**
     * The {@code index}-th of a sweep with as many distinct points as asked for: GPU offload and
     * temperature vary fastest, the context window grows by 128 tokens every 16 points (20,000
     * points reach a window of 160,128), so no two indices give the same configuration.
     */
    static SweepConfig nth(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a sweep index is not negative: " + index);
        }
        return new SweepConfig(NUM_GPU[index % NUM_GPU.length],
                NUM_CTX[0] + 128 * (index / (NUM_GPU.length * TEMPERATURE.length)),
                TEMPERATURE[(index / NUM_GPU.length) % TEMPERATURE.length]);
    }

    /** The rig's own label, as in {@code g999_c1024_t0.2}. */
    String label() {
        return "g" + numGpu + "_c" + numCtx + "_t" + temperatureText();
    }

    String temperatureText() {
        return String.format(Locale.ROOT, "%.1f", temperature);
    }

    /** The {@code options} object rigs send to Ollama. */
    Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>(); // ordered: a seed must give the same bytes
        options.put("num_gpu", numGpu);
        options.put("num_ctx", numCtx);
        options.put("temperature", temperature);
        options.put("top_p", 0.9);
        return options;
    }

    /** {@code num_gpu=60, num_ctx=1024, temperature=0.4}, the Markdown reports' configuration line. */
    String settingsLine() {
        return "num_gpu=" + numGpu + ", num_ctx=" + numCtx + ", temperature=" + temperatureText();
    }

    /** Throughput lost when not every layer is on the GPU. */
    double gpuSpeedFactor() {
        return switch (numGpu) {
            case 999 -> 1.0;
            case 80 -> 0.97;
            case 60 -> 0.9;
            default -> 0.75;
        };
    }

    /** Prompt processing grows with the window. */
    double contextTtftFactor() {
        return 1.0 + numCtx / 8192.0;
    }
}
