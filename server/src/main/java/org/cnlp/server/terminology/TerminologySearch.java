package org.cnlp.server.terminology;

import java.util.Optional;

import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;
import org.cnlp.terminology.index.TerminologyIndex;

/**
 * Validated concept search over a {@link TerminologyIndex} (not owned). Thread-safe, like the index.
 */
public final class TerminologySearch {

    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 100;
    public static final int MAX_QUERY_CHARS = 256;

    private final TerminologyIndex index;

    public TerminologySearch(TerminologyIndex index) {
        this.index = index;
    }

    /**
     * @param query the {@code q} parameter
     * @param top   the {@code top} parameter as given, if any
     * @throws ProblemException 400 for a missing, blank or too long query or a top outside 1..{@value #MAX_TOP}
     */
    public SearchResponse search(Optional<String> query, Optional<String> top) throws ProblemException {
        String q = query.map(String::strip).orElse("");
        if (q.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "q: a non-blank query is required");
        }
        if (q.length() > MAX_QUERY_CHARS) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "q: at most " + MAX_QUERY_CHARS + " characters");
        }
        int k = parseTop(top);
        return new SearchResponse(q, k, index.search(q, k).stream().map(ConceptHit::of).toList());
    }

    private static int parseTop(Optional<String> top) throws ProblemException {
        if (top.isEmpty() || top.get().isBlank()) {
            return DEFAULT_TOP;
        }
        try {
            int k = Integer.parseInt(top.get().strip());
            if (k >= 1 && k <= MAX_TOP) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below with the valid range
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST, "top: an integer from 1 to " + MAX_TOP);
    }
}
