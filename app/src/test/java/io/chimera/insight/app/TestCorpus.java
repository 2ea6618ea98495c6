package io.chimera.insight.app;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The real rig outputs under src/test/resources/corpus (Chimeraforge, MIT; see CORPUS-LICENSE). */
final class TestCorpus {

    private TestCorpus() {
    }

    static Path root() {
        try {
            return Path.of(TestCorpus.class.getResource("/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
