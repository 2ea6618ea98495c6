package io.chimera.insight.ingest.parse.json;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that remembers the last characters it passed on, so that a syntax error found while
 * streaming can still be shown with the text around it (as it is for a document read whole).
 * Jackson reads ahead at most one buffer (4,000 characters), well within what is kept.
 */
final class RecentText extends Reader {

    private static final int KEPT = 16 * 1024;
    private static final int AROUND = 256;

    private final Reader in;
    private final char[] ring = new char[KEPT];
    private long total;

    RecentText(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        int n = in.read(target, offset, length);
        for (int i = 0; i < n; i++) {
            ring[(int) ((total + i) % KEPT)] = target[offset + i];
        }
        if (n > 0) {
            total += n;
        }
        return n;
    }

    /** Up to 512 characters starting 256 before {@code offset}, reading on past it as far as needed. */
    String around(long offset) throws IOException {
        long start = Math.max(Math.max(0, offset - AROUND), total - KEPT + 2L * AROUND);
        char[] more = new char[2 * AROUND];
        while (total < start + 2L * AROUND) {
            int n = read(more, 0, (int) Math.min(more.length, start + 2L * AROUND - total));
            if (n < 0) {
                break;
            }
        }
        StringBuilder text = new StringBuilder(2 * AROUND);
        for (long i = start; i < Math.min(total, start + 2L * AROUND); i++) {
            text.append(ring[(int) (i % KEPT)]);
        }
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
