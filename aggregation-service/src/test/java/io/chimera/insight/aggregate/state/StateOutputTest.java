package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.topology.AggregationRig;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state codecs' output writes what a {@code DataOutputStream} writes, so values encoded since
 * it replaced one are the bytes they were before, and read as before.
 */
class StateOutputTest {

    @Test
    void writesTheBytesOfADataOutputStream() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream reference = new DataOutputStream(expected)) {
            writeEverything(reference);
        }
        // Room for one byte at first: every write below has to grow it.
        StateOutput out = new StateOutput(1);
        writeEverything(out);

        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(out.size()).isEqualTo(expected.size());
    }

    @Test
    void aReservedIntIsWrittenInPlaceAsWriteIntWouldHaveWrittenIt() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream reference = new DataOutputStream(expected)) {
            reference.writeByte(3);
            reference.writeInt(-123_456_789);
            reference.writeLong(42L);
        }
        StateOutput out = new StateOutput(2);
        out.writeByte(3);
        int at = out.reserveInt();
        out.writeLong(42L);
        out.putInt(at, -123_456_789);

        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        assertThatThrownBy(() -> out.putInt(out.size() - 2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anEntryWithSketchesWrittenInPlaceHasTheBytesOfEachSketchWrittenAsAnArray() throws IOException {
        TestFile file = TestFile.of("f.csv", "v1", AggregationRig.START);
        Map<String, String> config = Map.of("num_ctx", "2048", "temperature", "0.7");
        ConfigAggregate aggregate = ConfigAggregate.empty(config);
        for (int i = 0; i < 40; i++) {
            aggregate.add(file.run("m", i, config, Map.of("tokens_per_s", 90.0 + i, "ttft_ms", 12.0 * (i + 1),
                    "load_duration_ms", i % 7 == 0 ? 2_400.0 + i : 60.0 + i, "eval_count", 300.0 + 7 * i)));
        }
        ConfigAggregateCodec codec = ConfigAggregateCodec.compact();
        // Through a plain DataOutput the codec writes each sketch as StatsAccumulator.compactSketchBytes().
        ByteArrayOutputStream viaArrays = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(viaArrays)) {
            out.writeByte(3);
            codec.write((DataOutput) out, aggregate);
        }

        byte[] encoded = codec.encode(aggregate);
        assertThat(encoded).isEqualTo(viaArrays.toByteArray());
        assertThat(codec.encode(codec.decode(encoded))).isEqualTo(encoded);
    }

    @Test
    void aStringIsItsUtf8LengthThenItsUtf8AsStateCodecAlwaysWroteIt() throws IOException {
        String[] strings = {"", "tokens_per_s", "num_ctx=2048,temperature=0.7", "na\u00efve", "\u20AC", "\uD83D\uDE00 ok",
                "lone \uD800 surrogate", "x".repeat(5_000)};
        for (String value : strings) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (DataOutputStream reference = new DataOutputStream(expected)) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                reference.writeByte(9);
                reference.writeInt(utf8.length);
                reference.write(utf8);
                reference.writeLong(7L);
            }
            // Room for two bytes: the string and what follows it must grow the array.
            StateOutput out = new StateOutput(2);
            out.writeByte(9);
            out.writeString(value);
            out.writeLong(7L);

            assertThat(out.toByteArray()).as(value).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void aCodecWritingValueAfterValueGivesEachTheBytesOfAFreshOutputInAnArrayOfItsOwn() throws IOException {
        TestFile file = TestFile.of("f.csv", "v1", AggregationRig.START);
        Map<String, String> config = Map.of("num_ctx", "2048", "temperature", "0.7");
        ConfigAggregate small = ConfigAggregate.entry(config);
        small.add(file.run("m", 0, config, Map.of("tokens_per_s", 90.0)));
        ConfigAggregate large = ConfigAggregate.entry(config);
        // Format 5 (the store's) writes each metric's one value in about 20 bytes: 3,000 of them pass 64 KiB.
        for (int i = 0; i < 3_000; i++) {
            large.add(file.run("m", i, config, Map.of("tokens_per_s", 90.0 + i, "ttft_ms", 12.0 * (i + 1),
                    "load_duration_ms", i % 7 == 0 ? 2_400.0 + i : 60.0 + i, "n\u00e4me_" + i, 1.0 * i)));
        }
        ConfigAggregateCodec codec = ConfigAggregateCodec.store();
        assertThat(codec.encode(large).length).as("past what a thread's output keeps")
                .isGreaterThan(StateCodec.MAX_KEPT_BYTES);

        byte[] first = codec.encode(small);
        byte[] firstCopy = first.clone();
        byte[] second = codec.encode(large);
        byte[] third = codec.encode(small);
        byte[] fourth = codec.encode(small);

        assertThat(first).isEqualTo(firstCopy).isEqualTo(throughDataOutputStream(codec, small));
        assertThat(second).isEqualTo(throughDataOutputStream(codec, large));
        assertThat(third).isEqualTo(firstCopy).isNotSameAs(first);
        assertThat(fourth).isEqualTo(firstCopy).isNotSameAs(third);
        assertThat(codec.encode(codec.decode(second))).isEqualTo(second);
    }

    @Test
    void aValueEncodedWhileTheSameThreadEncodesAnotherGetsAnOutputOfItsOwn() throws IOException {
        // A codec of text whose write encodes the rest of the text with itself first, on the same thread.
        StateCodec<String> nesting = new StateCodec<>(1) {
            @Override
            void write(DataOutput out, String value) throws IOException {
                writeString(out, value.substring(0, 1));
                writeBytes(out, value.length() > 1 ? encode(value.substring(1)) : new byte[0]);
            }

            @Override
            String read(DataInput in) {
                throw new UnsupportedOperationException();
            }
        };
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream reference = new DataOutputStream(expected)) {
            byte[] inner;
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(c)) {
                out.writeByte(1);
                out.writeInt(1);
                out.write('c');
                out.writeInt(0);
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(b)) {
                out.writeByte(1);
                out.writeInt(1);
                out.write('b');
                out.writeInt(c.size());
                out.write(c.toByteArray());
            }
            inner = b.toByteArray();
            reference.writeByte(1);
            reference.writeInt(1);
            reference.write('a');
            reference.writeInt(inner.length);
            reference.write(inner);
        }

        assertThat(nesting.encode("abc")).isEqualTo(expected.toByteArray());
        assertThat(nesting.encode("abc")).as("and again, the thread's output released").isEqualTo(expected.toByteArray());
    }

    /** The codec's bytes as written through a plain {@code DataOutputStream}, its format byte first. */
    private static byte[] throughDataOutputStream(ConfigAggregateCodec codec, ConfigAggregate value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(5); // the store's format
            codec.write((DataOutput) out, value);
        }
        return bytes.toByteArray();
    }

    private static void writeEverything(DataOutput out) throws IOException {
        out.writeByte(7);
        out.writeByte(-1);
        out.write(200);
        out.writeBoolean(true);
        out.writeBoolean(false);
        out.writeShort(-2);
        out.writeChar('\u20AC');
        out.writeInt(Integer.MIN_VALUE);
        out.writeInt(0x01020304);
        out.writeLong(Long.MIN_VALUE + 12_345);
        out.writeLong(-1L);
        out.writeFloat(3.25f);
        out.writeDouble(Math.PI);
        out.writeDouble(Double.NaN);
        out.writeDouble(-0.0);
        out.write(new byte[] {1, 2, 3, 4, 5}, 1, 3);
        out.write(new byte[300]);
        out.writeBytes("abc\u0101");
        out.writeChars("x\uD83D\uDE00");
        out.writeUTF("na\u00efve \uD83D\uDE00");
    }
}
