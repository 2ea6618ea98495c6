package io.chimera.insight.analysis.llm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiStreamDecoderTest {

    private final OpenAiStreamDecoder decoder = new OpenAiStreamDecoder("http://gpu:8000", "requested");

    @Test
    void skipsCommentsEventFieldsAndBlankLinesAndReadsUsageFromTheLastChunk() {
        decoder.accept(": ping");
        decoder.accept("event: message");
        decoder.accept("data: {\"model\":\"served\",\"choices\":[{\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}");
        assertThat(decoder.hasContent()).isFalse();
        decoder.accept("");
        decoder.accept("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}");
        decoder.accept("data:{\"choices\":[{\"delta\":{\"content\":\" there\"},\"finish_reason\":\"length\"}]}");
        decoder.accept("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2}}");
        assertThat(decoder.finished()).isFalse();
        decoder.accept("data: [DONE]");

        LlmResponse response = decoder.toResponse("http://gpu:8000", 100, 300);

        assertThat(decoder.finished()).isTrue();
        assertThat(response.content()).isEqualTo("Hi there");
        assertThat(response.llmModel()).isEqualTo("served");
        assertThat(response.doneReason()).isEqualTo("length");
        assertThat(response.promptEvalCount()).isEqualTo(7L);
        assertThat(response.evalCount()).isEqualTo(2L);
        // 2 tokens over the 200 ms between first token and end of stream
        assertThat(response.tokensPerS()).isEqualTo(10.0);
    }

    @Test
    void withoutUsageThroughputIsUnknown() {
        decoder.accept("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}");
        decoder.accept("data: [DONE]");

        LlmResponse response = decoder.toResponse("http://gpu:8000", 100, 300);

        assertThat(response.evalCount()).isNull();
        assertThat(response.tokensPerS()).isNull();
        assertThat(response.llmModel()).isEqualTo("requested");
    }

    @Test
    void anUnreadableEventFailsTheCall() {
        assertThatThrownBy(() -> decoder.accept("data: {not json"))
                .isInstanceOf(LlmCallFailedException.class)
                .hasMessageContaining("unreadable chunk from http://gpu:8000");
    }
}
