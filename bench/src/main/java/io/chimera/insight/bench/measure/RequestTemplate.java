package io.chimera.insight.bench.measure;

import io.chimera.insight.events.AnalysisRequest;
import io.chimera.insight.events.ConfigStats;
import io.chimera.insight.platform.topics.ConfigFingerprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A request the corpus's aggregation made, which the analysis measures replay under other model
 * names, and the configurations it counts. The request is kept as the aggregation sent it: without
 * its configurations, which the service reads from {@code config-metrics}. So before a model name is
 * replayed, {@link RequestDriver#publishConfigs} puts {@link #configs} on that topic under the name,
 * as the aggregation does for its own models, or {@link RequestDriver#emit} writes them in the
 * request's own transaction.
 *
 * @param request the request as read from {@code analysis-requests}, configurations not included
 * @param configs the model's configurations as {@code config-metrics} held them for the request
 * @param digest  the sum of the {@link ConfigFingerprint}s of {@link #configs} as the bench encodes them
 *                (a model name is not part of a configuration's record, so one sum serves every name)
 */
public record RequestTemplate(AnalysisRequest request, List<ConfigStats> configs, long digest) {

    /** {@code request}, counting {@code configs} by their digest as the bench will publish them. */
    public static RequestTemplate of(AnalysisRequest request, List<ConfigStats> configs) {
        ConfigFingerprint fingerprints = new ConfigFingerprint();
        long digest = 0;
        for (ConfigStats config : configs) {
            digest += fingerprints.of(config);
        }
        return new RequestTemplate(request, List.copyOf(configs), digest);
    }

    /**
     * This template as a later emission of its model, at {@code millis}: every configuration's
     * {@code lastSeen} moved there, as a run ingested then would move it, so their records and the
     * digest differ from every earlier emission's, as a product request's do from the one before
     * (a request comes because runs changed its configurations). Nothing the prompt or the verifier
     * reads changes: {@code lastSeen} is in neither. Shallow copies; the statistics are shared.
     */
    public RequestTemplate emittedAt(long millis) {
        List<ConfigStats> moved = new ArrayList<>(configs.size());
        for (ConfigStats config : configs) {
            ConfigStats copy = RequestDriver.shallowCopy(config, new ConfigStats());
            copy.setLastSeen(Instant.ofEpochMilli(millis));
            moved.add(copy);
        }
        return of(request, moved);
    }

    public String model() {
        return request.getModel();
    }
}
