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
 * @param changed the configurations this emission changed, which {@link RequestDriver#emit} writes in the
 *                request's transaction: all of them for a template as read ({@link #of}), one for a
 *                {@link #movedOne} emission
 */
public record RequestTemplate(AnalysisRequest request, List<ConfigStats> configs, long digest,
                              List<ConfigStats> changed) {

    /** {@code request}, counting {@code configs} by their digest as the bench will publish them; all changed. */
    public static RequestTemplate of(AnalysisRequest request, List<ConfigStats> configs) {
        return of(request, configs, configs);
    }

    private static RequestTemplate of(AnalysisRequest request, List<ConfigStats> configs, List<ConfigStats> changed) {
        ConfigFingerprint fingerprints = new ConfigFingerprint();
        long digest = 0;
        for (ConfigStats config : configs) {
            digest += fingerprints.of(config);
        }
        return new RequestTemplate(request, List.copyOf(configs), digest, List.copyOf(changed));
    }

    /**
     * This template as the next emission of its model at {@code millis} when a run of one configuration
     * came (a new file of one configuration, the usual product case): that configuration's
     * {@code lastSeen} moved there, the others as this emission left them, and only the moved one
     * {@linkplain #changed changed}, which is what the aggregation writes with such a request.
     *
     * @param which the configuration moved, by its index in {@link #configs} (taken modulo their number)
     */
    public RequestTemplate movedOne(int which, long millis) {
        if (configs.isEmpty()) {
            return of(request, configs, List.of());
        }
        List<ConfigStats> next = new ArrayList<>(configs);
        int index = Math.floorMod(which, configs.size());
        ConfigStats moved = RequestDriver.shallowCopy(configs.get(index), new ConfigStats());
        moved.setLastSeen(Instant.ofEpochMilli(millis));
        next.set(index, moved);
        return of(request, next, List.of(moved));
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
        return of(request, moved, moved);
    }

    public String model() {
        return request.getModel();
    }
}
