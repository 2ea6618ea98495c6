package io.chimera.insight.localstack.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OllamaSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = "The quick brown fox jumps over the lazy dog, twice.";
    private static final String USER_PROMPT = "Summarise the benchmark.";   // 24 chars -> 6 tokens
    private static final String CHAT = """
            {"model":"gemma3:latest","messages":[{"role":"user","content":"Summarise the benchmark."}]}""";

    private OllamaSimulator simulator;

    @BeforeEach
    void start() {
        simulator = new OllamaSimulator(new SimulatorSettings().ttftMs(0).tokensPerS(2_000).respondWith(ANSWER)).start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void chatStreamsNdjsonChunksThatConcatenateToTheConfiguredText() throws Exception {
        simulator.settings().ttftMs(150).tokensPerS(100);

        TimedLines stream = TimedLines.post(simulator.baseUrl() + "/api/chat", CHAT);

        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.response().headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(stream.response().headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        List<JsonNode> lines = parse(stream.lines());
        List<JsonNode> content = lines.subList(0, lines.size() - 1);
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : content) {
            assertThat(chunk.get("model").asText()).isEqualTo("gemma3:latest");
            assertThat(chunk.get("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
            assertThat(chunk.get("message").get("role").asText()).isEqualTo("assistant");
            assertThat(chunk.get("done").asBoolean()).isFalse();
            text.append(chunk.get("message").get("content").asText());
        }
        assertThat(text.toString()).isEqualTo(ANSWER);
        assertThat(content.size()).isGreaterThan(5);
        assertThat(stream.arrivalMillis().get(0)).isGreaterThanOrEqualTo(150);

        JsonNode last = lines.get(lines.size() - 1);
        List<String> fieldOrder = new ArrayList<>();
        last.fieldNames().forEachRemaining(fieldOrder::add);
        assertThat(fieldOrder).containsExactly("model", "created_at", "message", "done", "done_reason",
                "total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration",
                "eval_count", "eval_duration");
        assertThat(last.get("done").asBoolean()).isTrue();
        assertThat(last.get("done_reason").asText()).isEqualTo("stop");
        assertThat(last.get("message").get("content").asText()).isEmpty();
        assertThat(last.get("eval_count").asInt()).isEqualTo(content.size());
        assertThat(last.get("prompt_eval_count").asInt()).isEqualTo(6);
        // The last token's deadline is content.size() / 100 s after the eval phase starts, and the
        // generation reports done no earlier: a lower bound that holds however loaded the machine
        // is (how much later it gets there is the machine's pace, not the simulator's).
        long deadlineNs = (long) (content.size() * (1e9 / 100));
        assertThat(last.get("eval_duration").asLong()).isGreaterThanOrEqualTo(deadlineNs);
        assertThat(last.get("prompt_eval_duration").asLong()).isGreaterThanOrEqualTo(150_000_000L);
        assertThat(last.get("total_duration").asLong()).isEqualTo(last.get("load_duration").asLong()
                + last.get("prompt_eval_duration").asLong() + last.get("eval_duration").asLong());
    }

    @Test
    void loadDurationIsReportedAsPartOfTheFirstTokenDelay() throws Exception {
        simulator.settings().ttftMs(120).loadDurationMs(80);

        List<JsonNode> lines = parse(TimedLines.post(simulator.baseUrl() + "/api/chat", CHAT).lines());

        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("load_duration").asLong()).isEqualTo(80_000_000L);
        assertThat(last.get("prompt_eval_duration").asLong()).isGreaterThanOrEqualTo(40_000_000L);
    }

    @Test
    void nonStreamingChatReturnsOneObjectWithTheWholeText() throws Exception {
        HttpResponse<String> response = TimedLines.postForString(simulator.baseUrl() + "/api/chat", """
                {"model":"gemma3","stream":false,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("message").get("content").asText()).isEqualTo(ANSWER);
        assertThat(body.get("done").asBoolean()).isTrue();
        assertThat(body.get("done_reason").asText()).isEqualTo("stop");
        assertThat(body.get("model").asText()).isEqualTo("gemma3");
        assertThat(body.has("eval_duration")).isTrue();
    }

    @Test
    void generateStreamsResponsePieces() throws Exception {
        TimedLines stream = TimedLines.post(simulator.baseUrl() + "/api/generate", """
                {"model":"gemma3:latest","prompt":"Why is the sky blue?"}""");

        List<JsonNode> lines = parse(stream.lines());
        StringBuilder text = new StringBuilder();
        lines.subList(0, lines.size() - 1).forEach(line -> text.append(line.get("response").asText()));
        assertThat(text.toString()).isEqualTo(ANSWER);
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("response").asText()).isEmpty();
        assertThat(last.get("done").asBoolean()).isTrue();
        assertThat(last.get("prompt_eval_count").asInt()).isEqualTo(5);   // 20 chars
    }

    @Test
    void contentLinesAreCompactJsonInOllamasFieldOrderWithTheirTextEscaped() throws Exception {
        String answer = "Say \"hi\",\nthen \u00e9t\u00e9 \u2713 \\ done.";
        simulator.settings().respondWith(answer);

        for (String path : List.of("/api/chat", "/api/generate")) {
            boolean chat = path.equals("/api/chat");
            List<String> lines = TimedLines.post(simulator.baseUrl() + path, chat ? CHAT : """
                    {"model":"gemma3:latest","prompt":"Why is the sky blue?"}""").lines();
            StringBuilder text = new StringBuilder();
            for (String line : lines.subList(0, lines.size() - 1)) {
                JsonNode chunk = JSON.readTree(line);
                // Written field by field: the same bytes as serialising the chunk's node.
                assertThat(JSON.writeValueAsString(chunk)).isEqualTo(line);
                List<String> fieldOrder = new ArrayList<>();
                chunk.fieldNames().forEachRemaining(fieldOrder::add);
                assertThat(fieldOrder).containsExactly("model", "created_at", chat ? "message" : "response", "done");
                text.append(chat ? chunk.get("message").get("content").asText() : chunk.get("response").asText());
            }
            assertThat(text.toString()).as(path).isEqualTo(answer);
        }
    }

    @Test
    void defaultAnswerIsANarrativeJsonWithoutDigits() throws Exception {
        simulator.settings().responder(DefaultNarrative::respond);

        HttpResponse<String> response = TimedLines.postForString(simulator.baseUrl() + "/api/chat", """
                {"model":"gemma3:latest","stream":false,"messages":[{"role":"user","content":"x"}]}""");

        String content = JSON.readTree(response.body()).get("message").get("content").asText();
        JsonNode narrative = JSON.readTree(content);
        assertThat(narrative.get("summary").isTextual()).isTrue();
        assertThat(narrative.get("findings").isArray()).isTrue();
        assertThat(narrative.get("recommendations").isArray()).isTrue();
        assertThat(narrative.get("risks").get(0).has("risk")).isTrue();
        assertThat(narrative.get("risks").get(0).has("mitigation")).isTrue();
        assertThat(content).doesNotContainPattern("\\d");
    }

    @Test
    void unknownModelGetsOllamasNotFoundError() throws Exception {
        HttpResponse<String> response = TimedLines.postForString(simulator.baseUrl() + "/api/chat", """
                {"model":"llama9:70b","messages":[{"role":"user","content":"x"}]}""");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").asText())
                .isEqualTo("model 'llama9:70b' not found, try pulling it first");
    }

    @Test
    void midStreamErrorSendsSomeChunksThenAnErrorLineUnderHttp200() throws Exception {
        simulator.settings().chunksBeforeFailure(2).errorMessage("runner crashed");
        simulator.failures().failNext(FailureMode.ERROR_MID_STREAM, 1);

        TimedLines failed = TimedLines.post(simulator.baseUrl() + "/api/chat", CHAT);
        TimedLines healthy = TimedLines.post(simulator.baseUrl() + "/api/chat", CHAT);

        assertThat(failed.response().statusCode()).isEqualTo(200);
        List<JsonNode> lines = parse(failed.lines());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("done").asBoolean()).isFalse();
        assertThat(lines.get(1).get("done").asBoolean()).isFalse();
        assertThat(lines.get(2).get("error").asText()).isEqualTo("runner crashed");
        assertThat(parse(healthy.lines()).get(healthy.lines().size() - 1).get("done").asBoolean()).isTrue();
        assertThat(simulator.failureCount()).isEqualTo(1);
        assertThat(simulator.requests().get(0).failure()).hasValue(FailureMode.ERROR_MID_STREAM);
    }

    @Test
    void http500AndHttp429ModesAnswerWithErrorStatuses() throws Exception {
        simulator.settings().retryAfterSeconds(7);
        simulator.failures().failNext(FailureMode.HTTP_500, 1).failNext(FailureMode.HTTP_429, 1);

        HttpResponse<String> first = TimedLines.postForString(simulator.baseUrl() + "/api/chat", CHAT);
        HttpResponse<String> second = TimedLines.postForString(simulator.baseUrl() + "/api/chat", CHAT);
        HttpResponse<String> third = TimedLines.postForString(simulator.baseUrl() + "/api/chat", CHAT);

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(first.body()).has("error")).isTrue();
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(simulator.callCount()).isEqualTo(3);
        assertThat(simulator.completedCount()).isEqualTo(1);
    }

    @Test
    void errorRateOfOneFailsEveryCallAndZeroNone() throws Exception {
        simulator.failures().seed(42).failRandomly(FailureMode.HTTP_500, 1.0);
        assertThat(TimedLines.postForString(simulator.baseUrl() + "/api/chat", CHAT).statusCode()).isEqualTo(500);
        assertThat(TimedLines.postForString(simulator.baseUrl() + "/api/chat", CHAT).statusCode()).isEqualTo(500);

        simulator.failures().failRandomly(FailureMode.HTTP_500, 0);
        assertThat(TimedLines.postForString(simulator.baseUrl() + "/api/chat", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void slowFirstTokenDelaysTheFirstChunk() throws Exception {
        simulator.settings().slowFirstTokenMs(300);
        simulator.failures().failNext(FailureMode.SLOW_FIRST_TOKEN, 1);

        TimedLines stream = TimedLines.post(simulator.baseUrl() + "/api/chat", CHAT);

        assertThat(stream.arrivalMillis().get(0)).isGreaterThanOrEqualTo(300);
        assertThat(parse(stream.lines()).get(stream.lines().size() - 1).get("done").asBoolean()).isTrue();
    }

    @Test
    void droppedConnectionCutsTheChunkedBodyAfterSomeChunks() throws Exception {
        simulator.settings().chunksBeforeFailure(2);
        simulator.failures().failNext(FailureMode.DROP_CONNECTION, 1);
        HttpResponse<InputStream> response = TimedLines.CLIENT.send(HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + "/api/chat")).POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> received = new ArrayList<>();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    received.add(line);
                }
            }
        }).isInstanceOf(IOException.class);
        assertThat(received).hasSize(2);
        assertThat(simulator.completedCount()).isZero();
    }

    @Test
    void pausedSimulatorRefusesConnectionsAndResumesOnTheSamePort() throws Exception {
        int port = simulator.port();

        simulator.pause();
        assertThatThrownBy(() -> TimedLines.get(simulator.baseUrl() + "/")).isInstanceOf(ConnectException.class);

        simulator.resume();
        assertThat(simulator.port()).isEqualTo(port);
        assertThat(TimedLines.get(simulator.baseUrl() + "/").body()).isEqualTo("Ollama is running");
    }

    @Test
    void openAiStreamSendsSseChunksUsageAndDone() throws Exception {
        TimedLines stream = TimedLines.post(simulator.baseUrl() + "/v1/chat/completions", """
                {"model":"gemma3:latest","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Summarise the benchmark."}]}""");

        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.response().headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> events = stream.lines().stream().filter(line -> !line.isEmpty()).toList();
        assertThat(events).allMatch(line -> line.startsWith("data: "));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        List<JsonNode> chunks = parse(events.subList(0, events.size() - 1).stream()
                .map(line -> line.substring("data: ".length())).toList());

        StringBuilder text = new StringBuilder();
        JsonNode finish = null;
        for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            JsonNode choice = chunk.get("choices").get(0);
            text.append(choice.get("delta").get("content").asText());
            if (!choice.get("finish_reason").isNull()) {
                finish = choice;
            }
        }
        assertThat(text.toString()).isEqualTo(ANSWER);
        assertThat(finish).isNotNull();
        assertThat(finish.get("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.get("choices")).isEmpty();
        int completionTokens = chunks.size() - 2;
        assertThat(usage.get("usage").get("prompt_tokens").asInt()).isEqualTo(6);
        assertThat(usage.get("usage").get("completion_tokens").asInt()).isEqualTo(completionTokens);
        assertThat(usage.get("usage").get("total_tokens").asInt()).isEqualTo(6 + completionTokens);
    }

    @Test
    void openAiStreamWithoutIncludeUsageHasNoUsageChunk() throws Exception {
        TimedLines stream = TimedLines.post(simulator.baseUrl() + "/v1/chat/completions", """
                {"model":"gemma3:latest","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(stream.lines()).noneMatch(line -> line.contains("\"usage\""));
        assertThat(stream.lines()).contains("data: [DONE]");
    }

    @Test
    void listingEndpointsDescribeTheServedModels() throws Exception {
        simulator.settings().models("gemma3", "qwen2.5:7b");

        JsonNode tags = JSON.readTree(TimedLines.get(simulator.baseUrl() + "/api/tags").body());
        JsonNode models = JSON.readTree(TimedLines.get(simulator.baseUrl() + "/v1/models").body());
        JsonNode version = JSON.readTree(TimedLines.get(simulator.baseUrl() + "/api/version").body());

        assertThat(tags.get("models").findValuesAsText("name")).containsExactly("gemma3:latest", "qwen2.5:7b");
        assertThat(tags.get("models").get(0).get("details").get("family").asText()).isEqualTo("gemma3");
        assertThat(models.get("object").asText()).isEqualTo("list");
        assertThat(models.get("data").findValuesAsText("id")).containsExactly("gemma3:latest", "qwen2.5:7b");
        assertThat(version.get("version").asText()).isNotBlank();
        assertThat(TimedLines.get(simulator.baseUrl() + "/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void recordsWhatClientsSent() throws Exception {
        simulator.settings().responder(request -> "echo: " + request.lastUserMessage());

        HttpResponse<String> response = TimedLines.postForString(simulator.baseUrl() + "/api/chat", """
                {"model":"gemma3:latest","stream":false,"format":{"type":"object"},"options":{"temperature":0},
                 "messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Facts here."}]}""");

        assertThat(JSON.readTree(response.body()).get("message").get("content").asText()).isEqualTo("echo: Facts here.");
        RecordedRequest recorded = simulator.lastRequest();
        assertThat(recorded.path()).isEqualTo("/api/chat");
        assertThat(recorded.model()).isEqualTo("gemma3:latest");
        assertThat(recorded.promptText()).isEqualTo("Be terse.\nFacts here.");
        assertThat(recorded.format().get("type").asText()).isEqualTo("object");
        assertThat(recorded.options().get("temperature").asInt()).isZero();
        assertThat(simulator.callCount("/api/chat")).isEqualTo(1);
    }

    @Test
    void maxConcurrentOneQueuesParallelCalls() throws Exception {
        simulator.settings().ttftMs(150).maxConcurrent(1);

        List<CompletableFuture<TimedLines>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return TimedLines.post(simulator.baseUrl() + "/api/chat", CHAT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Long> firstChunkMillis = new ArrayList<>();
        for (CompletableFuture<TimedLines> call : calls) {
            firstChunkMillis.add(call.get().arrivalMillis().get(0));
        }

        assertThat(simulator.peakConcurrency()).isEqualTo(1);
        assertThat(simulator.completedCount()).isEqualTo(3);
        // Served one after another, the last first token comes after three TTFTs.
        assertThat(firstChunkMillis.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThanOrEqualTo(450);
    }

    @Test
    void unlimitedConcurrencyServesParallelCallsTogether() throws Exception {
        simulator.settings().ttftMs(300);

        List<CompletableFuture<TimedLines>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return TimedLines.post(simulator.baseUrl() + "/api/chat", CHAT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<TimedLines> call : calls) {
            call.get();
        }

        assertThat(simulator.peakConcurrency()).isGreaterThan(1);
    }

    private static List<JsonNode> parse(List<String> lines) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
