package io.chimera.insight.ingest.parse;

import java.nio.charset.Charset;
import java.util.List;

/**
 * Text decoded from a file's bytes.
 *
 * @param text the content, without byte-order mark
 * @param charset the encoding it was read in
 * @param warnings how the encoding was decided when that was not plain UTF-8
 */
public record DecodedText(String text, Charset charset, List<String> warnings) {

    public DecodedText {
        warnings = List.copyOf(warnings);
    }
}
