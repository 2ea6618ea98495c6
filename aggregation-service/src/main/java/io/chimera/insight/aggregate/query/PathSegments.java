package io.chimera.insight.aggregate.query;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Percent-decoding and -encoding of single path segments. {@link URLDecoder} and
 * {@link URLEncoder} implement HTML forms, where {@code +} means a space; in a path it is a
 * plus, so it is protected on the way in and spaces are written as {@code %20} on the way out.
 */
final class PathSegments {

    private PathSegments() {
    }

    /**
     * The decoded segments of a raw (still encoded) path; {@code "/models/a%2Fb/configs"} gives
     * {@code [models, a/b, configs]}. Empty segments (leading, trailing or doubled slashes) are dropped.
     *
     * @throws IllegalArgumentException on a malformed escape such as {@code %G1}
     */
    static List<String> decode(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** One segment, encoded so that {@link #decode} gives it back, slashes included. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
