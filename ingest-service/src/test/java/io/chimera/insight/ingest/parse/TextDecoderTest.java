package io.chimera.insight.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecoderTest {

    @Test
    void plainUtf8() throws UnusableFileException {
        DecodedText text = TextDecoder.decode("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(text.text()).isEqualTo("a,b\n1,2\n");
        assertThat(text.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(text.warnings()).isEmpty();
    }

    @Test
    void byteOrderMarksDecideAndAreDropped() throws UnusableFileException {
        byte[] utf8Bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "x".getBytes(StandardCharsets.UTF_8));
        assertThat(TextDecoder.decode(utf8Bom).text()).isEqualTo("x");
        assertThat(TextDecoder.decode("\uFEFFh\u00e9".getBytes(StandardCharsets.UTF_16LE)).text()).isEqualTo("h\u00e9");
        assertThat(TextDecoder.decode("\uFEFFh\u00e9".getBytes(StandardCharsets.UTF_16BE)).text()).isEqualTo("h\u00e9");
    }

    @Test
    void utf16WithoutMarkIsRecognisedByItsZeroBytes() throws UnusableFileException {
        DecodedText text = TextDecoder.decode("ttft_ms,model\n12,gemma3\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(text.text()).isEqualTo("ttft_ms,model\n12,gemma3\n");
        assertThat(text.charset()).isEqualTo(StandardCharsets.UTF_16LE);
    }

    /** Was read as windows-1252 with a warning; a guessed encoding put {@code ÿþ} into model names. */
    @Test
    void latinOneBytesAreRejectedAsInvalidUtf8NamingTheOffset() {
        assertThatThrownBy(() -> TextDecoder.decode("Temperature: 54.7\u00b0C\n".getBytes(Charset.forName("windows-1252"))))
                .isInstanceOf(UnusableFileException.class)
                .hasMessage("invalid UTF-8 at byte offset 17 (line 1); the file is not read in any other encoding")
                .satisfies(e -> {
                    UnusableFileException unusable = (UnusableFileException) e;
                    assertThat(unusable.errorClass()).isEqualTo(TextDecoder.INVALID_UTF8);
                    assertThat(unusable.excerpt()).isEqualTo("Temperature: 54.7\\xb0C");
                    assertThat(unusable.locator()).isEqualTo("byte 17");
                });
    }

    @Test
    void invalidUtf8AfterAByteOrderMarkNamesItsOffsetInTheFile() {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                concat("model,ttft_ms\nok,1\n".getBytes(StandardCharsets.UTF_8), new byte[] {'x', (byte) 0xC3, '(', '\n'}));
        assertThatThrownBy(() -> TextDecoder.decode(bytes))
                .hasMessageStartingWith("invalid UTF-8 at byte offset 23 (line 3);")
                .extracting(e -> ((UnusableFileException) e).excerpt()).isEqualTo("x\\xc3(");
    }

    @Test
    void nulBytesMeanBinary() {
        assertThatThrownBy(() -> TextDecoder.decode(new byte[] {'N', 'V', 'R', 0, 2, 0, 0, 0, 8, 7}))
                .isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("NUL bytes")
                .extracting(e -> ((UnusableFileException) e).errorClass()).isEqualTo(TextDecoder.BINARY);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
