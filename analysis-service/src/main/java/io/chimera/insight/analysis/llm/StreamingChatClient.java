package io.chimera.insight.analysis.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.events.LlmFailureKind;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The part both protocols share: POST a JSON body, read the streamed answer line by line straight
 * from the socket, measure time to first token and wall time at the client, enforce the four
 * timeouts, and translate transport failures into {@link LlmException}s that name the URL.
 *
 * <p>Timeouts map onto OkHttp as follows: connect → {@code connectTimeout}; first token → the read
 * timeout in force until the first non-empty content chunk (it also covers waiting for the response
 * headers, which Ollama sends with its first chunk); idle → the read timeout of the body source,
 * switched to once content flows; total → {@code callTimeout}.
 */
abstract class StreamingChatClient implements LlmClient {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingChatClient.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int ERROR_BODY_LIMIT = 8192;
    private static final long MODEL_LISTING_LIMIT = 4L * 1024 * 1024;

    private final String endpoint;
    private final HttpUrl url;
    private final LlmClientSettings settings;
    private final OkHttpClient http;
    private final OkHttpClient base;

    StreamingChatClient(String baseUrl, String path, LlmClientSettings settings, OkHttpClient base) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.endpoint = stripTrailingSlashes(baseUrl.strip());
        this.url = HttpUrl.parse(endpoint + path);
        if (url == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        this.base = Objects.requireNonNull(base, "base");
        this.http = base.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.firstTokenTimeout())
                .writeTimeout(settings.idleTimeout())
                .callTimeout(settings.totalTimeout())
                .build();
    }

    /** The JSON body for this protocol. */
    abstract String requestBody(LlmRequest request);

    /** A fresh decoder for one call's stream. */
    abstract StreamDecoder newDecoder(LlmRequest request);

    /** Path of the model listing, e.g. {@code /api/tags}. */
    abstract String modelsPath();

    /** The model names in a parsed model listing. */
    abstract List<String> modelNames(JsonNode listing);

    @Override
    public final String endpoint() {
        return endpoint;
    }

    /** The full URL posted to. */
    public final String url() {
        return url.toString();
    }

    @Override
    public final LlmResponse chat(LlmRequest request) {
        Objects.requireNonNull(request, "request");
        Request httpRequest = new Request.Builder()
                .url(url)
                .post(RequestBody.create(requestBody(request), JSON))
                .build();
        Call call = http.newCall(httpRequest);
        StreamProgress progress = new StreamProgress(System.nanoTime());
        try (Response response = call.execute()) {
            progress.responded = true;
            if (!response.isSuccessful()) {
                throw errorFor(response, request);
            }
            return readStream(response, request, progress);
        } catch (IOException e) {
            throw translate(e, call, progress);
        }
    }

    @Override
    public final List<String> listModels(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        HttpUrl listing = HttpUrl.parse(endpoint + modelsPath());
        OkHttpClient probe = base.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(timeout)
                .callTimeout(timeout.plus(settings.connectTimeout()))
                .build();
        Call call = probe.newCall(new Request.Builder().url(Objects.requireNonNull(listing)).get().build());
        StreamProgress progress = new StreamProgress(System.nanoTime());
        try (Response response = call.execute()) {
            progress.responded = true;
            String body = response.peekBody(MODEL_LISTING_LIMIT).string();
            if (!response.isSuccessful()) {
                String message = ErrorBodies.message(body);
                throw new LlmCallFailedException(endpoint, LlmFailureKind.SERVER_ERROR, response.code(),
                        ErrorBodies.excerpt("HTTP " + response.code() + ": " + message),
                        "HTTP " + response.code() + " from " + listing + ": " + message, null);
            }
            return List.copyOf(modelNames(JsonChunks.parse(body, endpoint)));
        } catch (IOException e) {
            LlmFailureKind kind = transportFailure(e, progress);
            throw new LlmUnavailableException(endpoint, kind, ErrorBodies.excerpt(String.valueOf(e.getMessage())),
                    (kind == LlmFailureKind.UNREACHABLE ? "no worker at " : "no model listing from ")
                            + listing + ": " + e, e);
        }
    }

    private LlmResponse readStream(Response response, LlmRequest request, StreamProgress progress)
            throws IOException {
        ResponseBody body = Objects.requireNonNull(response.body(), "execute() always has a body");
        BufferedSource source = body.source();
        StreamDecoder decoder = newDecoder(request);
        String line;
        while (!decoder.finished() && (line = source.readUtf8Line()) != null) {
            decoder.accept(line);
            if (progress.firstContentNanos < 0 && decoder.hasContent()) {
                progress.firstContentNanos = System.nanoTime();
                // From here on silence means a stalled worker, not a model still loading.
                source.timeout().timeout(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        long endNanos = System.nanoTime();
        if (!decoder.finished()) {
            throw new LlmCallFailedException(endpoint, LlmFailureKind.STREAM_ERROR, response.code(),
                    "the stream ended without its final chunk", "stream from " + url + " ended without its final chunk",
                    null);
        }
        double wallMs = millisSince(progress.startNanos, endNanos);
        double ttftMs = progress.firstContentNanos < 0 ? wallMs
                : millisSince(progress.startNanos, progress.firstContentNanos);
        LlmResponse answer = decoder.toResponse(endpoint, ttftMs, wallMs);
        LOG.debug("{} answered {} chars for {} (ttft {} ms, wall {} ms)",
                url, answer.content().length(), request.model(), Math.round(ttftMs), Math.round(wallMs));
        return answer;
    }

    private LlmException errorFor(Response response, LlmRequest request) throws IOException {
        int status = response.code();
        String message = ErrorBodies.message(response.peekBody(ERROR_BODY_LIMIT).string());
        if (status == 404 && mentionsModel(message, request.model())) {
            return new LlmModelNotFoundException(endpoint, api(), request.model(), message);
        }
        return new LlmCallFailedException(endpoint, LlmFailureKind.SERVER_ERROR, status,
                ErrorBodies.excerpt("HTTP " + status + ": " + message), "HTTP " + status + " from " + url + ": " + message,
                null,
                RetryAfter.parse(response.header("Retry-After"), Clock.systemUTC()).orElse(null));
    }

    /** A 404 naming the model is a missing model; a bare 404 means the URL is not this API. */
    private static boolean mentionsModel(String message, String model) {
        return message.contains(model) || message.toLowerCase(Locale.ROOT).contains("model");
    }

    private LlmException translate(IOException e, Call call, StreamProgress progress) {
        String elapsed = " after " + Math.round(millisSince(progress.startNanos, System.nanoTime())) + " ms";
        String said = ErrorBodies.excerpt(String.valueOf(e.getMessage()));
        if (call.isCanceled()) {
            // OkHttp cancels the call when callTimeout fires.
            String total = "no complete answer within the total timeout of " + settings.totalTimeout().toMillis() + " ms";
            return new LlmUnavailableException(endpoint, LlmFailureKind.STALLED, total,
                    total + " from " + url + elapsed, e);
        }
        LlmFailureKind kind = transportFailure(e, progress);
        if (kind == LlmFailureKind.UNREACHABLE && isConnectFailure(e)) {
            return new LlmUnavailableException(endpoint, kind, said, "no worker at " + url + ": " + e.getMessage(), e);
        }
        if (kind != LlmFailureKind.STREAM_ERROR) {
            String timeout = timeoutMessage(e, progress);
            return new LlmUnavailableException(endpoint, kind, timeout, timeout + elapsed, e);
        }
        if (!progress.responded) {
            return new LlmUnavailableException(endpoint, kind, "connection closed before an answer: " + said,
                    "no worker answered at " + url + ": " + e, e);
        }
        return new LlmCallFailedException(endpoint, kind, null, "the stream broke off: " + said,
                "stream from " + url + " broke off: " + e, e);
    }

    /** A refused or timed-out connection is unreachable, another timeout a stall, anything else a broken stream. */
    private static LlmFailureKind transportFailure(IOException e, StreamProgress progress) {
        if (isConnectFailure(e)) {
            return LlmFailureKind.UNREACHABLE;
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return connectTimedOut(e, progress) ? LlmFailureKind.UNREACHABLE : LlmFailureKind.STALLED;
        }
        return LlmFailureKind.STREAM_ERROR;
    }

    private static boolean isConnectFailure(IOException e) {
        return e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException;
    }

    private static boolean connectTimedOut(IOException e, StreamProgress progress) {
        return !progress.responded && String.valueOf(e.getMessage()).contains("connect");
    }

    private String timeoutMessage(IOException e, StreamProgress progress) {
        if (connectTimedOut(e, progress)) {
            return "no worker at " + url + ": could not connect within " + settings.connectTimeout().toMillis() + " ms";
        }
        if (progress.firstContentNanos < 0) {
            return "no first token from " + url + " within " + settings.firstTokenTimeout().toMillis() + " ms";
        }
        return "worker at " + url + " stalled: no chunk for " + settings.idleTimeout().toMillis() + " ms";
    }

    private static double millisSince(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1_000_000.0;
    }

    private static String stripTrailingSlashes(String value) {
        String result = value;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** What one call has reached, kept outside the try block so failures can be described precisely. */
    private static final class StreamProgress {
        final long startNanos;
        boolean responded;
        long firstContentNanos = -1;

        StreamProgress(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    /** The part of a chat request both protocols share: model, system and user messages, streaming on. */
    static ObjectNode streamingChatBody(LlmRequest request) {
        ObjectNode body = JsonChunks.MAPPER.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        if (!request.systemPrompt().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.systemPrompt());
        }
        messages.addObject().put("role", "user").put("content", request.userPrompt());
        body.put("stream", true);
        return body;
    }
}
