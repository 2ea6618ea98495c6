package io.chimera.insight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Makes the files that are not regular files for tests: a FIFO and a UNIX-domain socket. */
public final class SpecialFiles {

    private SpecialFiles() {
    }

    /** A FIFO at {@code path}, by {@code mkfifo}; the test is skipped where there is no {@code mkfifo}. */
    public static Path fifo(Path path) throws InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException absent) {
            return Assumptions.abort("no mkfifo here: " + absent.getMessage());
        }
        assertThat(mkfifo.waitFor()).as("mkfifo " + path).isZero();
        return path;
    }

    /** A UNIX-domain socket file at {@code path}: bound, then closed (the file stays). */
    public static Path socket(Path path) throws IOException {
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(path));
        }
        return path;
    }
}
