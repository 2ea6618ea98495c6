package io.chimera.insight.aggregate.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathSegmentsTest {

    @Test
    void decodesEachSegmentSoAnEncodedSlashStaysInTheModelName() {
        assertThat(PathSegments.decode("/models/hf.co%2Funsloth%2Fgemma-3-1b:Q4_K_M/configs"))
                .containsExactly("models", "hf.co/unsloth/gemma-3-1b:Q4_K_M", "configs");
    }

    @Test
    void colonsMayBeSentPlainOrEncoded() {
        assertThat(PathSegments.decode("/models/gemma3:270m")).containsExactly("models", "gemma3:270m");
        assertThat(PathSegments.decode("/models/gemma3%3A270m")).containsExactly("models", "gemma3:270m");
    }

    @Test
    void aPlusIsAPlusAndSpacesArePercentTwenty() {
        assertThat(PathSegments.decode("/models/a+b%20c")).containsExactly("models", "a+b c");
    }

    @Test
    void ignoresEmptySegments() {
        assertThat(PathSegments.decode("//models/")).containsExactly("models");
        assertThat(PathSegments.decode("/")).isEmpty();
    }

    @Test
    void encodesSoThatDecodingGivesTheNameBack() {
        for (String name : List.of("gemma3:270m", "hf.co/unsloth/gemma-3-1b:Q4_K_M", "a+b c", "llama3.1:8b-instruct-q4_0", "ünï/cödé")) {
            String encoded = PathSegments.encode(name);
            assertThat(encoded).doesNotContain("/", "+", " ");
            assertThat(PathSegments.decode("/models/" + encoded)).containsExactly("models", name);
        }
    }

    @Test
    void encodesSlashesAsPercentTwoF() {
        assertThat(PathSegments.encode("hf.co/org/m:q4")).isEqualTo("hf.co%2Forg%2Fm%3Aq4");
    }

    @Test
    void rejectsMalformedEscapes() {
        assertThatThrownBy(() -> PathSegments.decode("/models/bad%G1")).isInstanceOf(IllegalArgumentException.class);
    }
}
