package io.chimera.insight.localstack.worker;

import java.io.IOException;

/**
 * Where a {@link Generation} delivers its output: one implementation per wire protocol and
 * streaming mode, so the pacing and failure logic exists once.
 */
interface GenerationSink {

    void content(String piece) throws IOException;

    /** Reports an error after generation has started (an error line, or an error status if nothing was sent). */
    void error(String message) throws IOException;

    /** Writes a line that breaks the protocol (not JSON) where a chunk belongs, and ends the response. */
    void garbage(String line) throws IOException;

    /** Ends the response normally with its statistics. */
    void done(GenerationStats stats) throws IOException;

    /** Pushes out what was written so far, before the connection is dropped. */
    void flush() throws IOException;
}
