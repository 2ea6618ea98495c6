package io.chimera.insight.app.commands;

import io.chimera.insight.app.options.ClusterOptions;
import io.chimera.insight.app.wiring.ServiceFactory;
import io.chimera.insight.platform.kafka.EventSerdes;
import io.chimera.insight.platform.kafka.KafkaContext;
import io.chimera.insight.platform.kafka.KafkaSettings;
import io.chimera.insight.platform.kafka.TopicAdmin;
import io.chimera.insight.platform.topics.TopicNames;

/** Connects a service command to a real cluster described by {@link ClusterOptions}. */
final class Clusters {

    private Clusters() {
    }

    static ServiceFactory connect(ClusterOptions cluster) {
        KafkaSettings settings = cluster.requireSettings();
        TopicNames names = cluster.topicNames();
        if (cluster.createTopics()) {
            TopicAdmin.ensureTopics(settings, names, cluster.partitions());
        }
        EventSerdes serdes = new EventSerdes(
                Registries.client(settings, cluster.registryUser(), cluster.registryPassword()));
        return new ServiceFactory(new KafkaContext(settings, names, serdes));
    }
}
