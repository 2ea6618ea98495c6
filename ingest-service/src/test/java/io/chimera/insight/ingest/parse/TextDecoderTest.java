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

    @Test
    void latinOneBytesAreReadAsWindows1252WithAWarning() throws UnusableFileException {
        DecodedText text = TextDecoder.decode("Temperature: 54.7\u00b0C".getBytes(Charset.forName("windows-1252")));
        assertThat(text.text()).isEqualTo("Temperature: 54.7\u00b0C");
        assertThat(text.warnings()).containsExactly("not valid UTF-8; read as windows-1252");
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
