package io.chimera.insight.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimera.insight.aggregate.statistics.ConfigAggregate;
import io.chimera.insight.aggregate.topology.AggregationRig;
import io.chimera.insight.aggregate.topology.TestRuns.TestFile;
import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
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
