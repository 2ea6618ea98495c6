package io.chimera.insight.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The first pass over a file, streamed: its SHA-256 (the version's id, known before any record is
 * made, as each run carries it), its length, and where its first NUL byte is (binary content, when
 * the text is not UTF-16).
 */
record FileSurvey(String sha256, long size, long firstNul) {

    static FileSurvey of(Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        long firstNul = -1;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                for (int i = 0; i < n && firstNul < 0; i++) {
                    if (buffer[i] == 0) {
                        firstNul = size + i;
                    }
                }
                size += n;
            }
        }
        return new FileSurvey(Sha256.hex(digest), size, firstNul);
    }
}
