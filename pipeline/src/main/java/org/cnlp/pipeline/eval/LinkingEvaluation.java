package org.cnlp.pipeline.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;

/**
 * Accuracy@1 of a {@link Linker} on gold mentions.
 *
 * <p>For every gold mention with at least one normalised id ({@link GoldIds}; {@code -1} and
 * id-less mentions are skipped and counted apart), the linker is asked for its top concept given
 * the mention text and normalised type. The answer is right when the concept's normalised id or
 * any of its normalised cross-references equals any gold id of the mention. Gold ids joined by
 * '|' are alternatives, so any one counts; ids joined by '+' name the parts of a composite
 * mention ("breast and ovarian cancer"), and a top-1 concept can only be one of them, so
 * matching any part also counts as right.
 *
 * <p>A mention is reachable when {@code reachable} accepts at least one of its gold ids, i.e. the
 * terminology index holds a concept carrying it; accuracy is reported over all mentions and over
 * reachable mentions only, and every gold id {@code reachable} rejects is listed with its
 * mention count. Not thread-safe.
 */
public final class LinkingEvaluation {

    private final Linker linker;
    private final Predicate<String> reachable;
    private final Map<String, LinkingCounts> counts = new TreeMap<>();
    private final Map<String, Long> unreachableIds = new TreeMap<>();
    private int documents;
    private long skipped;

    /**
     * @param linker    the linker under test
     * @param reachable whether the index can reach a normalised id ({@code MESH:D003920},
     *                  {@code OMIM:222100}); use {@code id -> true} when unknown
     */
    public LinkingEvaluation(Linker linker, Predicate<String> reachable) {
        this.linker = Objects.requireNonNull(linker, "linker");
        this.reachable = Objects.requireNonNull(reachable, "reachable");
    }

    /** Evaluates the gold mentions of one document. */
    public LinkingEvaluation add(PubTatorDocument document) {
        return add(document.text(), document.mentions());
    }

    /** Evaluates gold mentions of one document, given without its text. */
    public LinkingEvaluation add(List<Mention> goldMentions) {
        return add("", goldMentions);
    }

    /** Evaluates gold mentions of one document whose text is {@code documentText}. */
    public LinkingEvaluation add(String documentText, List<Mention> goldMentions) {
        Linker documentLinker = linker.forDocument(documentText);
        for (Mention mention : goldMentions) {
            evaluate(documentLinker, mention);
        }
        documents++;
        return this;
    }

    /** The results so far. */
    public LinkingReport report() {
        return new LinkingReport(documents, skipped, new TreeMap<>(counts), new TreeMap<>(unreachableIds));
    }

    /** Evaluates {@code linker} on every gold mention of {@code gold}. */
    public static LinkingReport evaluate(Iterable<PubTatorDocument> gold, Linker linker, Predicate<String> reachable) {
        LinkingEvaluation evaluation = new LinkingEvaluation(linker, reachable);
        for (PubTatorDocument document : gold) {
            evaluation.add(document);
        }
        return evaluation.report();
    }

    private void evaluate(Linker documentLinker, Mention mention) {
        List<String> goldIds = GoldIds.normaliseAll(mention.ids());
        if (goldIds.isEmpty()) {
            skipped++;
            return;
        }
        String type = EntityTypes.normalise(mention.type());
        boolean isReachable = false;
        for (String id : goldIds) {
            if (reachable.test(id)) {
                isReachable = true;
            } else {
                unreachableIds.merge(id, 1L, Long::sum);
            }
        }
        Optional<LinkedConcept> predicted = documentLinker.link(mention.text(), type);
        boolean correct = predicted.isPresent() && matches(predicted.get(), goldIds);
        counts.merge(type, new LinkingCounts(1, correct ? 1 : 0, isReachable ? 1 : 0,
                correct && isReachable ? 1 : 0, predicted.isEmpty() ? 1 : 0), LinkingCounts::plus);
    }

    private static boolean matches(LinkedConcept concept, List<String> goldIds) {
        Set<String> candidates = Set.copyOf(concept.matchableIds());
        return goldIds.stream().anyMatch(candidates::contains);
    }
}
