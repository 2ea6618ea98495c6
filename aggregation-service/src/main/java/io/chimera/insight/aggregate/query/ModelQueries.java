package io.chimera.insight.aggregate.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The three queries, each answered from this instance's stores or by the instance that owns the
 * model (see the package documentation for the routing rules).
 */
final class ModelQueries {

    /** Marks a request one instance forwarded to another; such a request is answered, never forwarded. */
    static final String FORWARDED_HEADER = "X-Chimera-Forwarded";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AggregateQueries queries;
    private final HostInfo self;
    private final PeerClient peers;

    /**
     * @param self this instance's {@code application.server}, the name other instances know it by
     */
    ModelQueries(AggregateQueries queries, HostInfo self, PeerClient peers) {
        this.queries = queries;
        this.self = self;
        this.peers = peers;
    }

    /** {@code GET /models}: this instance's models, and unless forwarded, every other instance's. */
    QueryResponse models(boolean forwarded) throws PeerClient.PeerUnavailableException {
        Map<String, JsonNode> byModel = new TreeMap<>();
        try {
            for (String model : queries.localModels()) {
                queries.localModel(model).ifPresent(metrics -> byModel.put(model, ModelMetricsJson.summary(metrics)));
            }
        } catch (InvalidStateStoreException e) {
            return notQueryable(e);
        }
        if (!forwarded) {
            for (HostInfo peer : queries.instances()) {
                if (peer.equals(self) || peer.port() < 0) {
                    continue;
                }
                QueryResponse answer = peers.get(peer, "/models");
                if (answer.status() != 200) {
                    return answer;
                }
                for (JsonNode summary : parse(answer).path("models")) {
                    // During a rebalance two instances may both list a model; any copy will do.
                    byModel.putIfAbsent(summary.path("model").asText(), summary);
                }
            }
        }
        ObjectNode json = MAPPER.createObjectNode();
        json.putArray("models").addAll(byModel.values());
        return QueryResponse.ok(json);
    }

    /** {@code GET /models/{model}}. */
    QueryResponse model(String model, boolean forwarded) throws PeerClient.PeerUnavailableException {
        return routed(model, "", forwarded, m -> queries.localModel(m).map(ModelMetricsJson::model));
    }

    /** {@code GET /models/{model}/configs}. */
    QueryResponse configs(String model, boolean forwarded) throws PeerClient.PeerUnavailableException {
        return routed(model, "/configs", forwarded, m -> queries.localModel(m).map(ComparisonJson::configs));
    }

    /** {@code GET /models/{model}/changes}. */
    QueryResponse changes(String model, boolean forwarded) throws PeerClient.PeerUnavailableException {
        return routed(model, "/changes", forwarded, m -> queries.localChanges(m).map(list -> ChangesJson.changes(m, list)));
    }

    private QueryResponse routed(String model, String suffix, boolean forwarded,
                                 Function<String, Optional<? extends JsonNode>> view)
            throws PeerClient.PeerUnavailableException {
        Optional<HostInfo> owner;
        try {
            owner = queries.owner(model);
            if (forwarded || owner.map(self::equals).orElse(false)) {
                return local(model, owner, view);
            }
        } catch (InvalidStateStoreException e) {
            return notQueryable(e);
        }
        if (owner.isEmpty()) {
            return QueryResponse.error(503, "the instance holding model '" + model + "' is not known yet (rebalancing); retry");
        }
        return peers.get(owner.get(), "/models/" + PathSegments.encode(model) + suffix);
    }

    /**
     * From this instance's stores. Absent here means unknown only if this instance owns the model;
     * otherwise ownership moved since the sender looked, and the sender should retry.
     */
    private QueryResponse local(String model, Optional<HostInfo> owner, Function<String, Optional<? extends JsonNode>> view) {
        Optional<? extends JsonNode> answer = view.apply(model);
        if (answer.isPresent()) {
            return QueryResponse.ok(answer.get());
        }
        if (owner.map(self::equals).orElse(false)) {
            return QueryResponse.error(404, "unknown model '" + model + "'");
        }
        return QueryResponse.error(503, "model '" + model + "' is moving between instances (rebalancing); retry");
    }

    private static QueryResponse notQueryable(InvalidStateStoreException e) {
        return QueryResponse.error(503, "the aggregate is not queryable right now (" + e.getMessage() + "); retry");
    }

    private static JsonNode parse(QueryResponse answer) {
        try {
            return MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("another instance answered with invalid JSON: " + answer.bodyText(), e);
        }
    }
}
