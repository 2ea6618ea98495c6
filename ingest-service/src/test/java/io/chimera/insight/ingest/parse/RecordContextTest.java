package io.chimera.insight.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordContextTest {

    @Test
    void configurationKeepsTheFileOrder() {
        Map<String, String> options = new LinkedHashMap<>();
        String[] names = {"temperature", "num_gpu", "top_k", "num_ctx", "seed", "top_p", "repeat_penalty"};
        for (String name : names) {
            options.put(name, "1");
        }
        RecordContext context = RecordContext.EMPTY.withConfig(options).withConfig(Map.of("backend", "cuda"));

        assertThat(context.config().keySet()).containsExactly("temperature", "num_gpu", "top_k", "num_ctx", "seed",
                "top_p", "repeat_penalty", "backend");
        assertThat(new RecordContext(Optional.empty(), options, Optional.empty()).config().keySet())
                .containsExactlyElementsOf(options.keySet());
    }

    @Test
    void configurationIsReadOnlyAndHasNoNulls() {
        RecordContext context = RecordContext.EMPTY.withConfig(Map.of("num_gpu", "99"));
        assertThatThrownBy(() -> context.config().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);

        Map<String, String> withNull = new HashMap<>();
        withNull.put("num_ctx", null);
        assertThatThrownBy(() -> new RecordContext(Optional.empty(), withNull, Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("num_ctx");
    }
}
