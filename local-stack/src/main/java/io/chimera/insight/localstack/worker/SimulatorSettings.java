package io.chimera.insight.localstack.worker;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The knobs of an {@link OllamaSimulator}. Every field is volatile and read once per request, so a
 * test (or the bench) can change how the "GPU" behaves between calls on a running simulator
 * without restarting it. Setters return {@code this} for chaining.
 */
public final class SimulatorSettings {

    /** The model a fresh simulator serves, matching the project's default analysis model. */
    public static final String DEFAULT_MODEL = "gemma3:latest";

    private volatile long ttftMs = 20;
    private volatile double tokensPerS = 500;
    private volatile long loadDurationMs = 0;
    private volatile List<String> models = List.of(DEFAULT_MODEL);
    private volatile Function<RecordedRequest, String> responder = DefaultNarrative::respond;
    private volatile int maxConcurrent = 0;
    private volatile int retryAfterSeconds = 1;
    private volatile long slowFirstTokenMs = 3_000;
    private volatile long stallMs = 60_000;
    private volatile int chunksBeforeFailure = 3;
    private volatile String errorMessage = "llama runner process has terminated: exit status 2";

    /** Delay from the start of generation to the first content chunk (default 20 ms). */
    public long ttftMs() {
        return ttftMs;
    }

    public SimulatorSettings ttftMs(long value) {
        this.ttftMs = requireNonNegative(value, "ttftMs");
        return this;
    }

    /** Pace of content chunks, one chunk being one token (default 500/s). */
    public double tokensPerS() {
        return tokensPerS;
    }

    public SimulatorSettings tokensPerS(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("tokensPerS must be positive: " + value);
        }
        this.tokensPerS = value;
        return this;
    }

    /**
     * The part of the first-token delay reported as {@code load_duration} (capped at {@link #ttftMs()});
     * the rest is reported as {@code prompt_eval_duration}. Default 0, a warm model.
     */
    public long loadDurationMs() {
        return loadDurationMs;
    }

    public SimulatorSettings loadDurationMs(long value) {
        this.loadDurationMs = requireNonNegative(value, "loadDurationMs");
        return this;
    }

    /** Models the simulator "has pulled"; any other model gets Ollama's 404. */
    public List<String> models() {
        return models;
    }

    /** Replaces the served models; names without a tag get {@code :latest}, as Ollama resolves them. */
    public SimulatorSettings models(String... names) {
        this.models = Arrays.stream(names).map(SimulatorSettings::withTag).toList();
        return this;
    }

    /** The function producing the full response text of a call (default {@link DefaultNarrative}). */
    public Function<RecordedRequest, String> responder() {
        return responder;
    }

    public SimulatorSettings responder(Function<RecordedRequest, String> value) {
        this.responder = Objects.requireNonNull(value, "responder");
        return this;
    }

    /** Shorthand for a responder that always answers {@code text}. */
    public SimulatorSettings respondWith(String text) {
        Objects.requireNonNull(text, "text");
        return responder(request -> text);
    }

    /** Generations allowed at once, further calls queue like on a single GPU; 0 = unlimited (default). */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    public SimulatorSettings maxConcurrent(int value) {
        this.maxConcurrent = (int) requireNonNegative(value, "maxConcurrent");
        return this;
    }

    /** Value of the {@code Retry-After} header of {@link FailureMode#HTTP_429} (default 1 s). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public SimulatorSettings retryAfterSeconds(int value) {
        this.retryAfterSeconds = (int) requireNonNegative(value, "retryAfterSeconds");
        return this;
    }

    /** Extra first-token delay of {@link FailureMode#SLOW_FIRST_TOKEN} (default 3000 ms). */
    public long slowFirstTokenMs() {
        return slowFirstTokenMs;
    }

    public SimulatorSettings slowFirstTokenMs(long value) {
        this.slowFirstTokenMs = requireNonNegative(value, "slowFirstTokenMs");
        return this;
    }

    /** Content chunks sent before a mid-stream error or a dropped connection (default 3). */
    public int chunksBeforeFailure() {
        return chunksBeforeFailure;
    }

    public SimulatorSettings chunksBeforeFailure(int value) {
        this.chunksBeforeFailure = (int) requireNonNegative(value, "chunksBeforeFailure");
        return this;
    }

    /** Message of injected error bodies and error lines. */
    /** How long a {@link FailureMode#STALL} stream stays silent mid-way. */
    public long stallMs() {
        return stallMs;
    }

    public SimulatorSettings stallMs(long value) {
        this.stallMs = requireNonNegative(value, "stallMs");
        return this;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public SimulatorSettings errorMessage(String value) {
        this.errorMessage = Objects.requireNonNull(value, "errorMessage");
        return this;
    }

    boolean hasModel(String model) {
        return model != null && models.contains(withTag(model));
    }

    static String withTag(String model) {
        return model.contains(":") ? model : model + ":latest";
    }

    private static long requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
