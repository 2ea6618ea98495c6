package io.chimera.insight.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimera.insight.platform.kafka.read.TopicReadException;
import io.chimera.insight.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.ConnectException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.junit.jupiter.api.Test;

class KafkaFailuresTest {

    @Test
    void recordsTheClusterRefusesArePermanentEvenBehindTheCommitsOwnError() {
        assertThat(KafkaFailures.isPermanent(new RecordTooLargeException("2,300,000 bytes"))).isTrue();
        assertThat(KafkaFailures.isPermanent(new RecordBatchTooLargeException("batch"))).isTrue();
        assertThat(KafkaFailures.isPermanent(new InvalidRecordException("invalid"))).isTrue();
        assertThat(KafkaFailures.isPermanent(new InvalidTopicException("bad name"))).isTrue();
        assertThat(KafkaFailures.isPermanent(new SerializationException("cannot encode"))).isTrue();
        assertThat(KafkaFailures.isPermanent(new KafkaException("in an error state",
                new RecordTooLargeException("too large")))).isTrue();
    }

    @Test
    void timeoutsDisconnectionsAndAnUnreachableRegistryAreTransient() {
        assertThat(KafkaFailures.isPermanent(new TimeoutException("metadata not present"))).isFalse();
        assertThat(KafkaFailures.isPermanent(new DisconnectException("gone"))).isFalse();
        assertThat(KafkaFailures.isPermanent(new NotLeaderOrFollowerException("moved"))).isFalse();
        assertThat(KafkaFailures.isPermanent(new SerializationException("registering the schema",
                new ConnectException("connection refused")))).isFalse();
        assertThat(KafkaFailures.isPermanent(new KafkaException("commit failed", new TimeoutException("t"))))
                .isFalse();
        assertThat(KafkaFailures.isPermanent(new IOException("broken pipe"))).isFalse();
    }

    @Test
    void theClustersOwnFaultsAndUnknownErrorsAreRetriedNotBlamedOnTheRecord() {
        assertThat(KafkaFailures.isPermanent(new UnknownServerException("broker bug"))).isFalse();
        assertThat(KafkaFailures.isPermanent(new TopicAuthorizationException("no ACL"))).isFalse();
        assertThat(KafkaFailures.isPermanent(new KafkaException("something else"))).isFalse();
        assertThat(KafkaFailures.isPermanent(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aRegistryThatCannotServeIsUnavailableButItsAnswersAboutARecordAreNot() {
        SchemaRegistryException unreachable = new SchemaRegistryException(null, "http://127.0.0.1:9/schemas/ids/6", 0, 0,
                "unreachable: Connection refused", new ConnectException("Connection refused"));
        SchemaRegistryException unknownId = new SchemaRegistryException(null, "http://r/schemas/ids/6", 404, 40403,
                "Schema not found", null);

        assertThat(KafkaFailures.isRegistryUnavailable(unreachable)).isTrue();
        assertThat(KafkaFailures.isRegistryUnavailable(new SerializationException("decoding failed", unreachable)))
                .as("behind the serde's wrapper").isTrue();
        for (int status : new int[] {408, 429, 500, 503}) {
            assertThat(KafkaFailures.isRegistryUnavailable(
                    new SchemaRegistryException(null, "http://r", status, 0, "busy", null))).as("HTTP " + status).isTrue();
        }
        assertThat(KafkaFailures.isRegistryUnavailable(unknownId)).isFalse();
        assertThat(KafkaFailures.isRegistryUnavailable(new SchemaRegistryException("s", "http://r", 422, 42201,
                "Invalid schema", null))).isFalse();
        assertThat(KafkaFailures.isRegistryUnavailable(new SerializationException("not Avro"))).isFalse();
    }

    @Test
    void aTopicNotReadToItsEndIsADependencyFailureAndSoAreTheRegistryAndRetriableKafkaErrorsNotOtherOnes() {
        TopicReadException unread = new TopicReadException("cannot read chimera.config-metrics to its end", null);
        assertThat(KafkaFailures.isDependencyUnavailable(unread)).isTrue();
        assertThat(KafkaFailures.isDependencyUnavailable(new IllegalStateException("wrapped", unread))).isTrue();
        assertThat(KafkaFailures.isDependencyUnavailable(new SchemaRegistryException("s", "http://r", 503, 50301,
                "unavailable", null))).isTrue();
        assertThat(KafkaFailures.isDependencyUnavailable(new SerializationException("not Avro"))).isFalse();
        assertThat(KafkaFailures.isDependencyUnavailable(new KafkaException("other"))).isFalse();
        // As a consumer's position() says while the partition's leader is being replaced:
        assertThat(KafkaFailures.isDependencyUnavailable(new TimeoutException(
                "Timeout of 10000ms expired before the position for partition c-3 could be determined"))).isTrue();
        assertThat(KafkaFailures.isDependencyUnavailable(new IllegalStateException("wrapped",
                new NotLeaderOrFollowerException("moving")))).isTrue();
        assertThat(KafkaFailures.isDependencyUnavailable(new RecordTooLargeException("too large"))).isFalse();
    }
}
