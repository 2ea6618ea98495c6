package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.platform.topics.TopicNames;
import io.chimera.insight.platform.topics.Topics;
import io.chimera.insight.schemas.registry.InMemorySchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final EventSerdes serdes = new EventSerdes(new InMemorySchemaRegistry());

    @Test
    void deadLetterStagesAndAfterCommitActionsTravelWithTheRecords() {
        Outbox handler = new Outbox(TopicNames.defaults(), serdes);
        Outbox batch = new Outbox(TopicNames.defaults(), serdes);
        List<String> ran = new ArrayList<>();
        handler.send(Topics.DEAD_LETTERS, "a.csv", DeadLetters.of("ingest.parse", "a.csv", "row 3", "E", "bad", ""));
        handler.afterCommit(() -> ran.add("counted"));

        handler.drainTo(batch);

        assertThat(handler.deadLetterStages()).isEmpty();
        assertThat(batch.deadLetterStages()).containsExactly("ingest.parse");
        assertThat(ran).isEmpty();
        batch.committed();
        batch.committed();
        assertThat(ran).containsExactly("counted");
    }

    @Test
    void clearedOutputNeverRunsItsActions() {
        Outbox outbox = new Outbox(TopicNames.defaults(), serdes);
        List<String> ran = new ArrayList<>();
        outbox.afterCommit(() -> ran.add("counted"));

        outbox.clear();
        outbox.committed();

        assertThat(ran).isEmpty();
    }
}
