package org.cnlp.server.problem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cnlp.server.internal.JsonSupport;

/** Renders problems as RFC 9457 {@code application/problem+json} objects. */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    /**
     * @param requestId the request the problem belongs to
     * @param instance  the request path, or an empty string inside a batch result
     */
    public static ObjectNode toTree(Problem problem, String requestId, String instance) {
        ObjectNode node = JsonSupport.NODES.objectNode();
        node.put("type", problem.type().uri());
        node.put("title", problem.type().title());
        node.put("status", problem.status());
        node.put("detail", problem.detail());
        if (!instance.isEmpty()) {
            node.put("instance", instance);
        }
        node.put("requestId", requestId);
        if (!problem.validValues().isEmpty() || problem.type() == ProblemType.UNKNOWN_MODEL
                || problem.type() == ProblemType.UNKNOWN_PIPELINE) {
            problem.validValues().forEach(node.putArray("validValues")::add);
        }
        if (!problem.reason().isEmpty()) {
            node.put("reason", problem.reason());
        }
        return node;
    }

    public static byte[] toBytes(Problem problem, String requestId, String instance) {
        return JsonSupport.bytes(toTree(problem, requestId, instance));
    }
}
