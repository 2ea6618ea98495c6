package io.chimera.insight.bench.kafka;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Encoded records on disk, in the order they were recorded: the exact bytes ingest sends, kept so
 * that a plain producer can later send the same records without paying for parsing and encoding,
 * and without holding them all in memory.
 */
public final class RecordTape {

    private final Path file;

    public RecordTape(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Opens the tape for recording (replacing what it held). */
    public Recorder record() throws IOException {
        return new Recorder(new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)));
    }

    /** Plays every record back, in order. */
    public void play(Consumer<ProducerRecord<byte[], byte[]>> sink) {
        play(Long.MAX_VALUE, sink);
    }

    /** Plays the first {@code limit} records back, in order. */
    public void play(long limit, Consumer<ProducerRecord<byte[], byte[]>> sink) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (long played = 0; played < limit; played++) {
                String topic;
                try {
                    topic = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                byte[] key = readBytes(in);
                byte[] value = readBytes(in);
                sink.accept(new ProducerRecord<>(topic, key, value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the record tape " + file, e);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** Appends records to a tape. */
    public static final class Recorder implements AutoCloseable {
        private final DataOutputStream out;
        private long records;
        private long bytes;

        private Recorder(DataOutputStream out) {
            this.out = out;
        }

        public void append(ProducerRecord<byte[], byte[]> record) throws IOException {
            out.writeUTF(record.topic());
            writeBytes(record.key());
            writeBytes(record.value());
            records++;
        }

        private void writeBytes(byte[] value) throws IOException {
            if (value == null) {
                out.writeInt(-1);
                return;
            }
            out.writeInt(value.length);
            out.write(value);
            bytes += value.length;
        }

        public long records() {
            return records;
        }

        /** Key and value bytes recorded (what a producer serialises), excluding the tape's framing. */
        public long bytes() {
            return bytes;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
