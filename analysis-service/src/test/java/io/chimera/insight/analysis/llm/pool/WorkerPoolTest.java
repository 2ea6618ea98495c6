package io.chimera.insight.analysis.llm.pool;

import io.chimera.insight.analysis.llm.LlmApi;
import io.chimera.insight.analysis.llm.LlmCallFailedException;
import io.chimera.insight.analysis.llm.LlmClientSettings;
import io.chimera.insight.analysis.llm.LlmException;
import io.chimera.insight.analysis.llm.LlmRequest;
import io.chimera.insight.analysis.llm.LlmResponse;
import io.chimera.insight.analysis.llm.LlmUnavailableException;
import io.chimera.insight.events.LlmFailureKind;
import io.chimera.insight.localstack.worker.FailureMode;
import io.chimera.insight.localstack.worker.OllamaSimulator;
import io.chimera.insight.localstack.worker.RecordedRequest;
import io.chimera.insight.localstack.worker.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pool against real HTTP simulators of Ollama workers. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkerPoolTest {

    static final String MODEL = SimulatorSettings.DEFAULT_MODEL;
    static final String ANSWER = "abcd efgh ijkl";
    private static final String CHAT = "/api/chat";

    /** Short waits so retries do not slow the suite; probes only when a test asks. */
    static final PoolSettings FAST = PoolSettings.defaults()
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .withProbeInterval(Duration.ofMinutes(10));

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void aServerErrorIsRetriedAndTheAnswerRecordsBothTries() {
        OllamaSimulator worker = simulator();
        worker.failures().failNext(FailureMode.HTTP_500, 1);
        WorkerPool pool = pool(FAST, worker);

        PoolOutcome outcome = pool.submit(request()).join();

        assertThat(outcome.answered()).isTrue();
        assertThat(outcome.response().content()).isEqualTo(ANSWER);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.toCall().getAttempts()).isEqualTo(2);
        assertThat(worker.callCount(CHAT)).isEqualTo(2);
        assertThat(worker.requests().stream().filter(r -> r.path().equals(CHAT)).map(RecordedRequest::failure))
                .extracting(failure -> failure.orElse(null))
                .containsExactly(FailureMode.HTTP_500, null);
    }

    @Test
    void anObserverSeesEveryCallWithItsOutcome() {
        OllamaSimulator worker = simulator();
        worker.failures().failNext(FailureMode.HTTP_500, 1);
        WorkerPool pool = pool(FAST, worker);
        List<String> events = new CopyOnWriteArrayList<>();
        pool.observe(new CallObserver() {
            @Override
            public void started(String endpoint) {
                events.add("start " + endpoint);
            }

            @Override
            public void finished(String endpoint, LlmResponse response,
                                 LlmException failure) {
                events.add((response != null ? "answer " : "failure ") + endpoint);
            }
        });

        pool.submit(request()).join();

        String url = worker.baseUrl();
        assertThat(events).containsExactly("start " + url, "failure " + url, "start " + url, "answer " + url);
    }

    @Test
    void midStreamErrorsAndResetsAreRetried() {
        OllamaSimulator worker = simulator();
        worker.failures().failNext(FailureMode.ERROR_MID_STREAM, 1).failNext(FailureMode.DROP_CONNECTION, 1);
        worker.settings().chunksBeforeFailure(1);
        WorkerPool pool = pool(FAST, worker);

        PoolOutcome outcome = pool.submit(request()).join();

        assertThat(outcome.answered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.response().content()).isEqualTo(ANSWER);
    }

    @Test
    void throttlingWaitsAtLeastWhatRetryAfterAsks() {
        OllamaSimulator worker = simulator();
        worker.settings().retryAfterSeconds(1);
        worker.failures().failNext(FailureMode.HTTP_429, 1);
        WorkerPool pool = pool(FAST, worker);

        PoolOutcome outcome = pool.submit(request()).join();

        assertThat(outcome.answered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        List<RecordedRequest> chats = worker.requests().stream().filter(r -> r.path().equals(CHAT)).toList();
        // the backoff alone would be at most 200 ms; the header asked for 1 s
        assertThat(Duration.between(chats.get(0).receivedAt(), chats.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));
    }

    @Test
    void aSlowFirstTokenTimesOutAndIsRetriedOnAnotherWorker() {
        OllamaSimulator slow = simulator();
        OllamaSimulator healthy = simulator();
        slow.settings().slowFirstTokenMs(3_000);
        slow.failures().failNext(FailureMode.SLOW_FIRST_TOKEN, 1);
        LlmClientSettings impatient = LlmClientSettings.defaults().withFirstTokenTimeout(Duration.ofMillis(1_000));
        WorkerPool pool = start(WorkerPool.create(LlmApi.OLLAMA, List.of(slow.baseUrl(), healthy.baseUrl()), MODEL,
                impatient, FAST));

        PoolOutcome outcome = pool.submit(request()).join();

        assertThat(outcome.answered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(slow.requests().stream().filter(r -> r.path().equals(CHAT)).map(RecordedRequest::failure))
                .extracting(failure -> failure.orElse(null))
                .containsExactly(FailureMode.SLOW_FIRST_TOKEN);
        assertThat(healthy.callCount(CHAT)).isEqualTo(1);
    }

    @Test
    void aSlowFirstTokenWithoutRetriesLeftIsUnavailable() {
        OllamaSimulator worker = simulator();
        worker.failures().failNext(FailureMode.SLOW_FIRST_TOKEN, 1);
        LlmClientSettings impatient = LlmClientSettings.defaults().withFirstTokenTimeout(Duration.ofMillis(300));
        WorkerPool pool = start(WorkerPool.create(LlmApi.OLLAMA, List.of(worker.baseUrl()), MODEL, impatient,
                FAST.withMaxAttempts(1)));

        PoolOutcome outcome = pool.submit(request()).join();

        assertThat(outcome.answered()).isFalse();
        assertThat(outcome.failure()).isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("no first token from " + worker.baseUrl());
        assertThat(outcome.attempts()).isEqualTo(1);
    }

    @Test
    void aWorkerWithoutTheModelIsNeverCalledAndTheFailureSaysHowToPullIt() {
        OllamaSimulator worker = simulator();
        worker.settings().models("llama3.2:3b");
        WorkerPool pool = pool(FAST, worker);

        PoolOutcome outcome = pool.submit(request()).join();

        assertThat(pool.status()).singleElement().extracting(EndpointStatus::health)
                .isEqualTo(EndpointHealth.MODEL_MISSING);
        assertThat(outcome.failure()).isInstanceOf(NoWorkerAvailableException.class)
                .hasMessageContaining("'" + MODEL + "' not found at " + worker.baseUrl())
                .hasMessageContaining("ollama pull " + MODEL);
        assertThat(outcome.attempts()).isZero();
        assertThat(worker.callCount(CHAT)).isZero();
    }

    @Test
    void aModelRemovedAfterTheProbeIsFoundOutByThe404AndNotCalledAgain() {
        OllamaSimulator worker = simulator();
        WorkerPool pool = pool(FAST, worker);
        worker.settings().models("llama3.2:3b");

        PoolOutcome first = pool.submit(request()).join();
        PoolOutcome second = pool.submit(request()).join();

        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.failure()).isInstanceOf(NoWorkerAvailableException.class)
                .hasMessageContaining("ollama pull " + MODEL);
        assertThat(second.attempts()).isZero();
        assertThat(worker.callCount(CHAT)).isEqualTo(1);
    }

    @Test
    void oneOfTwoWorkersDownAtStartGetsNoCalls() {
        OllamaSimulator down = simulator();
        OllamaSimulator up = simulator();
        down.pause();
        WorkerPool pool = pool(FAST, down, up);

        List<PoolOutcome> outcomes = submitAll(pool, 4);

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.answered()).isTrue();
            assertThat(outcome.attempts()).isEqualTo(1);
            assertThat(outcome.response().endpoint()).isEqualTo(up.baseUrl());
        });
        assertThat(pool.status().get(0).health()).isEqualTo(EndpointHealth.DOWN);
        assertThat(pool.status().get(0).calls()).isZero();
    }

    @Test
    void aWorkerThatDiesIsRoutedAroundAfterItsFirstRefusedCall() {
        OllamaSimulator dying = simulator();
        OllamaSimulator healthy = simulator();
        WorkerPool pool = pool(FAST, dying, healthy);
        dying.pause();

        List<PoolOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outcomes.add(pool.submit(request()).join());
        }

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.answered()).isTrue();
            assertThat(outcome.response().endpoint()).isEqualTo(healthy.baseUrl());
        });
        assertThat(outcomes.stream().mapToInt(PoolOutcome::attempts).sum()).isEqualTo(5);
        assertThat(pool.status().get(0).health()).isEqualTo(EndpointHealth.DOWN);
        assertThat(pool.status().get(0).calls()).isEqualTo(1);
    }

    @Test
    void allWorkersDownFailsAtOnceAndARecoveredWorkerIsUsedAfterItsProbe() {
        OllamaSimulator a = simulator();
        OllamaSimulator b = simulator();
        a.pause();
        b.pause();
        WorkerPool pool = pool(FAST, a, b);
        AtomicInteger recoveries = new AtomicInteger();
        pool.onWorkerAvailable(recoveries::incrementAndGet);

        PoolOutcome refused = pool.submit(request()).join();
        b.resume();
        pool.probeNow();
        PoolOutcome answered = pool.submit(request()).join();

        assertThat(refused.failure()).isInstanceOf(NoWorkerAvailableException.class)
                .hasMessageContaining("no GPU worker available for " + MODEL)
                .hasMessageContaining(a.baseUrl() + " (down").hasMessageContaining(b.baseUrl() + " (down");
        assertThat(refused.attempts()).isZero();
        assertThat(recoveries).hasValue(1);
        assertThat(answered.answered()).isTrue();
        assertThat(answered.response().endpoint()).isEqualTo(b.baseUrl());
    }

    @Test
    void eachWorkerRunsAtMostItsConcurrencyAndTheLoadIsShared() {
        OllamaSimulator a = simulator();
        OllamaSimulator b = simulator();
        a.settings().ttftMs(150);
        b.settings().ttftMs(150);
        WorkerPool pool = pool(FAST.withConcurrencyPerEndpoint(2), a, b);

        List<PoolOutcome> outcomes = submitAll(pool, 10);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.answered()).isTrue());
        assertThat(a.peakConcurrency()).isEqualTo(2);
        assertThat(b.peakConcurrency()).isEqualTo(2);
        assertThat(a.callCount(CHAT) + b.callCount(CHAT)).isEqualTo(10);
        assertThat(a.callCount(CHAT)).isBetween(3, 7);
        // 10 requests, 4 slots: at least the last six waited for a slot
        assertThat(outcomes.stream().filter(outcome -> outcome.queueWaitMs() > 50)).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void aFullQueueRefusesRequestsUntilOneFinishes() {
        OllamaSimulator worker = simulator();
        worker.settings().ttftMs(300);
        WorkerPool pool = pool(FAST.withQueueCapacity(1), worker);

        CompletableFuture<PoolOutcome> running = pool.submit(request());
        CompletableFuture<PoolOutcome> waiting = pool.submit(request());

        assertThat(pool.hasRoom()).isFalse();
        assertThat(pool.capacity()).isEqualTo(2);
        assertThatThrownBy(() -> pool.submit(request())).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("queue is full");
        running.join();
        waiting.join();
        assertThat(pool.hasRoom()).isTrue();
        assertThat(pool.submit(request()).join().answered()).isTrue();
    }

    @Test
    void aFailingWorkersCircuitOpensAndTheOtherTakesTheTraffic() {
        OllamaSimulator failing = simulator();
        OllamaSimulator healthy = simulator();
        failing.failures().failNext(FailureMode.HTTP_500, 100);
        WorkerPool pool = pool(FAST.withCircuit(4, 50f, Duration.ofMinutes(5)), failing, healthy);

        for (int i = 0; i < 8; i++) {
            assertThat(pool.submit(request()).join().answered()).isTrue();
        }

        assertThat(pool.status().get(0).circuit()).isEqualTo("OPEN");
        assertThat(pool.status().get(0).health()).isEqualTo(EndpointHealth.UP);
        // four failures (a full window) open it; later requests all go to the healthy worker
        assertThat(failing.callCount(CHAT)).isEqualTo(4);
        assertThat(healthy.callCount(CHAT)).isEqualTo(8);
    }

    @Test
    void theOpenAiProtocolIsProbedOnItsModelListAndAnswers() {
        OllamaSimulator server = simulator();
        WorkerPool pool = start(WorkerPool.create(LlmApi.OPENAI, List.of(server.baseUrl()), MODEL,
                LlmClientSettings.defaults(), FAST));

        PoolOutcome outcome = pool.submit(request()).join();

        assertThat(server.callCount("/v1/models")).isEqualTo(1);
        assertThat(outcome.answered()).isTrue();
        assertThat(outcome.response().api()).isEqualTo(LlmApi.OPENAI);
        assertThat(server.callCount("/v1/chat/completions")).isEqualTo(1);
    }

    @Test
    void twoTransientServerErrorsInARowCostNoRequest() {
        OllamaSimulator worker = simulator();
        worker.failures().failNext(FailureMode.HTTP_500, 2);
        WorkerPool pool = pool(FAST, worker); // the default circuit: 50 % of 6 calls

        List<CompletableFuture<PoolOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            outcomes.add(pool.submit(request()));
        }

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.join().answered()).isTrue());
        assertThat(pool.status().get(0).circuit()).isEqualTo("CLOSED");
    }

    @Test
    void anOpenCircuitRefusesWithWhatTheWorkerLastSaid() {
        OllamaSimulator worker = simulator();
        worker.settings().errorMessage("CUDA error: out of memory");
        worker.failures().failNext(FailureMode.HTTP_500, 100);
        WorkerPool pool = pool(FAST.withCircuit(2, 50f, Duration.ofMinutes(5)), worker);

        PoolOutcome outcome = pool.submit(request()).join();

        assertThat(outcome.failure()).isInstanceOf(NoWorkerAvailableException.class);
        assertThat(outcome.failure().kind()).isEqualTo(LlmFailureKind.SERVER_ERROR);
        assertThat(outcome.failure().workerSaid()).hasValue("HTTP 500: CUDA error: out of memory");
        assertThat(worker.callCount(CHAT)).isEqualTo(2);
    }

    @Test
    void aStalledWorkerIsTriedOnceNotOncePerAttempt() {
        OllamaSimulator worker = simulator();
        worker.settings().stallMs(30_000);
        worker.failures().failNext(FailureMode.STALL, 100);
        WorkerPool pool = start(WorkerPool.create(LlmApi.OLLAMA, List.of(worker.baseUrl()), MODEL, STALL_CUT,
                FAST.withMaxAttempts(3)));

        PoolOutcome outcome = pool.submit(request()).join();

        assertThat(outcome.answered()).isFalse();
        assertThat(outcome.failure().kind()).isEqualTo(LlmFailureKind.STALLED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(worker.callCount(CHAT)).isEqualTo(1);
    }

    @Test
    void theRetryOfAStalledCallGoesToAnotherWorker() {
        OllamaSimulator stalling = simulator();
        OllamaSimulator healthy = simulator();
        stalling.settings().stallMs(30_000);
        stalling.failures().failNext(FailureMode.STALL, 100);
        WorkerPool pool = start(WorkerPool.create(LlmApi.OLLAMA, List.of(stalling.baseUrl(), healthy.baseUrl()),
                MODEL, STALL_CUT, FAST.withMaxAttempts(3)));

        List<PoolOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(pool.submit(request()).join());
        }

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.answered()).isTrue());
        assertThat(stalling.callCount(CHAT)).isEqualTo(1);
        assertThat(healthy.callCount(CHAT)).isEqualTo(3);
    }

    /** The idle timeout cuts a stall short. */
    private static final LlmClientSettings STALL_CUT = LlmClientSettings.defaults().withIdleTimeout(Duration.ofMillis(300));

    static LlmRequest request() {
        return LlmRequest.of(MODEL, "", "hi");
    }

    private OllamaSimulator simulator() {
        OllamaSimulator simulator = new OllamaSimulator(new SimulatorSettings().respondWith(ANSWER)).start();
        resources.add(simulator);
        return simulator;
    }

    private WorkerPool pool(PoolSettings settings, OllamaSimulator... workers) {
        List<String> urls = new ArrayList<>();
        for (OllamaSimulator worker : workers) {
            urls.add(worker.baseUrl());
        }
        return start(WorkerPool.create(LlmApi.OLLAMA, urls, MODEL, LlmClientSettings.defaults(), settings));
    }

    private WorkerPool start(WorkerPool pool) {
        resources.add(0, pool);
        pool.start();
        return pool;
    }

    private static List<PoolOutcome> submitAll(WorkerPool pool, int count) {
        List<CompletableFuture<PoolOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(request()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
