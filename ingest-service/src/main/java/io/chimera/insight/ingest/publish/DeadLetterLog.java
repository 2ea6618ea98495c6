package io.chimera.insight.ingest.publish;

import io.chimera.insight.events.DeadLetter;
import io.chimera.insight.ingest.IngestedFile;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of one file kept to be logged once its transaction commits: the first
 * {@value #MAX_LOGGED}, so that a file whose every row is bad logs a screenful, not a million lines
 * (all of them are on the dead-letters topic and in the report's listing).
 */
final class DeadLetterLog {

    static final int MAX_LOGGED = 100;

    private static final Logger log = LoggerFactory.getLogger(TransactionalFilePublisher.class);

    private final List<DeadLetter> kept = new ArrayList<>();

    void add(DeadLetter deadLetter) {
        if (kept.size() < MAX_LOGGED) {
            kept.add(deadLetter);
        }
    }

    void clear() {
        kept.clear();
    }

    List<DeadLetter> kept() {
        return List.copyOf(kept);
    }

    /** One WARN line per kept dead letter, and one for the rest: what an operator greps for. */
    static void log(IngestedFile file, List<DeadLetter> kept) {
        for (DeadLetter deadLetter : kept) {
            log.warn("dead letter: {} {} [{} {}]: {}", deadLetter.getSource(),
                    deadLetter.getLocator().isEmpty() ? "(whole file)" : deadLetter.getLocator(),
                    deadLetter.getStage(), deadLetter.getErrorClass(), deadLetter.getMessage());
        }
        int more = file.counts().deadLetters() - kept.size();
        if (more > 0) {
            log.warn("dead letters: {} more of {} not logged (see the dead-letters topic)", more, file.path());
        }
    }
}
