package org.cnlp.pipeline.eval;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;

/**
 * Exact-match NER evaluation: a predicted mention is a true positive when a gold mention of the
 * same document has the same begin, end and normalised type ({@link EntityTypes#normalise}).
 * Within one document gold and predicted mentions are sets: duplicates count once.
 *
 * <p>Feed it one document at a time with {@link #add}; a PMID that occurs twice in a corpus
 * (NCBI train has 8528200 twice) is simply two documents. Not thread-safe.
 */
public final class NerEvaluation {

    private final Map<String, PrfCounts> counts = new TreeMap<>();
    private int documents;

    /** Adds one document's gold and predicted spans (raw types; they are normalised here). */
    public NerEvaluation add(Collection<Span> gold, Collection<Span> predicted) {
        Set<Span> goldSet = normalise(gold);
        Set<Span> predictedSet = normalise(predicted);
        for (Span span : predictedSet) {
            count(span.type(), goldSet.contains(span) ? new PrfCounts(1, 0, 0) : new PrfCounts(0, 1, 0));
        }
        for (Span span : goldSet) {
            if (!predictedSet.contains(span)) {
                count(span.type(), new PrfCounts(0, 0, 1));
            }
        }
        documents++;
        return this;
    }

    /** Adds one document given as PubTator mentions. */
    public NerEvaluation addMentions(List<Mention> gold, List<Mention> predicted) {
        return add(gold.stream().map(Span::of).toList(), predicted.stream().map(Span::of).toList());
    }

    /** The results so far. */
    public NerReport report() {
        return new NerReport(documents, new TreeMap<>(counts));
    }

    /**
     * Evaluates predictions against a gold corpus; a PMID missing from {@code predictedByPmid}
     * has no predictions.
     */
    public static NerReport evaluate(List<PubTatorDocument> gold, Map<String, List<Mention>> predictedByPmid) {
        NerEvaluation evaluation = new NerEvaluation();
        for (PubTatorDocument document : gold) {
            evaluation.addMentions(document.mentions(), predictedByPmid.getOrDefault(document.pmid(), List.of()));
        }
        return evaluation.report();
    }

    private void count(String type, PrfCounts delta) {
        counts.merge(type, delta, PrfCounts::plus);
    }

    private static Set<Span> normalise(Collection<Span> spans) {
        Set<Span> set = new HashSet<>();
        for (Span span : spans) {
            set.add(new Span(span.begin(), span.end(), EntityTypes.normalise(span.type())));
        }
        return set;
    }
}
