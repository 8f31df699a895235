package org.cnlp.pipeline.batch;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a run reports about itself: the pipeline's name and the versions of what produced the
 * annotations (the caller's choice: cnlp, terminology index, models).
 */
public record RunInfo(String pipeline, Map<String, String> versions) {

    public RunInfo {
        versions = Map.copyOf(versions);
    }

    public static RunInfo of(String pipeline) {
        return new RunInfo(pipeline, Map.of());
    }

    /** Versions in key order, for reports. */
    public Map<String, String> sortedVersions() {
        return new TreeMap<>(versions);
    }
}
