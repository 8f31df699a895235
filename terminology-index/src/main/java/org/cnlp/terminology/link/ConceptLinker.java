package org.cnlp.terminology.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnlp.terminology.dense.DenseIndex;
import org.cnlp.terminology.dense.TextEmbedder;
import org.cnlp.terminology.index.ConceptMatch;
import org.cnlp.terminology.index.TerminologyIndex;
import org.cnlp.terminology.model.Concept;

/**
 * Links mention texts to concepts: lexical candidates from the terminology index's ranked search,
 * dense candidates from the nearest concept names by embedding, or both fused
 * ({@link LinkerSettings}). Candidates are filtered by a caller's predicate (a compatible semantic
 * group) before they are ranked. Thread-safe when its parts are.
 */
public final class ConceptLinker {

    /** "A and B head", "A, B, or C head": group 1 is the first member, group 2 the last, group 3 the shared head. */
    /** Search scores of a name as written or as a plural (exact 0.92 to 1, same words stemmed 0.9). */
    private static final double NAME_SCORE = TerminologyIndex.WEIGHT_STEM;

    private static final Pattern COORDINATION = Pattern.compile(
            "(\\p{L}[\\p{L}\\p{N}'-]*)(?:, [\\p{L}\\p{N}'-]+)*,? (?i:and|or|and/or) ([\\p{L}\\p{N}'-]+) (\\p{L}.*)");

    private final TerminologyIndex lexical;
    private final DenseIndex dense;
    private final TextEmbedder embedder;
    private final LinkerSettings settings;

    /**
     * @param dense    the concept vectors; may be null in lexical mode
     * @param embedder the model that embedded them; may be null in lexical mode
     * @throws IllegalArgumentException when the mode needs vectors that are missing, or the
     *     embedder is not the one the vectors were built with
     */
    public ConceptLinker(TerminologyIndex lexical, DenseIndex dense, TextEmbedder embedder, LinkerSettings settings) {
        this.lexical = Objects.requireNonNull(lexical, "lexical");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.mode().needsVectors()) {
            if (dense == null || embedder == null) {
                throw new IllegalArgumentException(settings.mode().name().toLowerCase() + " linking needs concept vectors and"
                        + " their embedding model; build them with 'cnlp terminology embed'");
            }
            if (!dense.metadata().modelId().equals(embedder.modelId())) {
                throw new IllegalArgumentException("the concept vectors in " + dense.dir() + " were built with "
                        + dense.metadata().modelId() + ", not " + embedder.modelId());
            }
        }
        this.dense = dense;
        this.embedder = embedder;
    }

    /** The settings. */
    public LinkerSettings settings() {
        return settings;
    }

    /**
     * The abbreviations {@code documentText} defines, and those it uses undefined but writes out as
     * a name of the terminology ({@link DocumentAbbreviations#find(String, Predicate)}).
     */
    public DocumentAbbreviations abbreviations(String documentText) {
        return DocumentAbbreviations.find(documentText, name -> !lexical.exact(name).isEmpty());
    }

    /**
     * What to link for a mention of a document that defines {@code abbreviations}: the mention with
     * its short forms expanded, and when that is a coordination with a shared head that no name of
     * the terminology spells ("breast or ovarian cancer", "Duchenne and Becker muscular dystrophy")
     * and whose first or last member with the head is a name ("breast cancer"), its first member
     * with the head ("ataxia and mental retardation" coordinates words, not names, and stays). A
     * coordination the terminology knows as a name ("breast and ovarian cancer", a learnt name of
     * the hereditary syndrome) stays whole, and
     * so does a mention the terminology knows as written whose short forms are only part of it
     * ("HPRT-deficiency"); a mention that is a defined short form is always read as its long form.
     */
    public String linkText(DocumentAbbreviations abbreviations, String mention) {
        String expanded = abbreviations.expand(mention);
        boolean wholeShortForm = abbreviations.longForms().containsKey(mention.strip());
        if (!wholeShortForm && !expanded.equals(mention) && !lexical.exact(mention).isEmpty()) {
            return mention;
        }
        Matcher coordination = COORDINATION.matcher(expanded.strip());
        if (coordination.matches() && lexical.exact(expanded).isEmpty()) {
            String head = coordination.group(3);
            String first = coordination.group(1) + " " + head;
            // A coordination of names ("breast or ovarian cancer"), not of words ("ataxia and mental retardation").
            if (isName(first) || isName(coordination.group(2) + " " + head)) {
                return first;
            }
        }
        return expanded;
    }

    /** Whether the text is a name of the terminology, up to plurals ("breast cancers"). */
    private boolean isName(String text) {
        return lexical.search(text, 1).stream().anyMatch(match -> match.score() >= NAME_SCORE);
    }

    /** The best {@code top} accepted candidates for one mention, best first. */
    public List<LinkCandidate> link(String mention, Predicate<Concept> accept, int top) {
        return linkAll(List.of(mention), accept, top).get(0);
    }

    /** The best accepted candidate for one mention. */
    public Optional<LinkCandidate> best(String mention, Predicate<Concept> accept) {
        return link(mention, accept, 1).stream().findFirst();
    }

    /**
     * The best accepted candidate for a mention of a document that defines {@code abbreviations}:
     * the mention with its short forms expanded is linked first, the mention as written when
     * that finds nothing.
     */
    public Optional<LinkCandidate> best(DocumentAbbreviations abbreviations, String mention, Predicate<Concept> accept) {
        return best(abbreviations, mention, accept, 1, 0);
    }

    /**
     * What the pipeline's linking step keeps as a mention's first link: among the best
     * {@code top} candidates of the expanded mention (of the mention as written when the expanded
     * one finds none), the first whose score reaches {@code minScore}.
     */
    public Optional<LinkCandidate> best(DocumentAbbreviations abbreviations, String mention, Predicate<Concept> accept, int top,
            double minScore) {
        String expanded = linkText(abbreviations, mention);
        List<LinkCandidate> candidates = link(expanded, accept, top);
        if (candidates.isEmpty() && !expanded.equals(mention)) {
            candidates = link(mention, accept, top);
        }
        return candidates.stream().filter(candidate -> candidate.score() >= minScore).findFirst();
    }

    /**
     * The best {@code top} accepted candidates of each mention, in order; the mentions are
     * embedded in one call, and searched by exact search when there are many.
     */
    public List<List<LinkCandidate>> linkAll(List<String> mentions, Predicate<Concept> accept, int top) {
        List<List<DenseIndex.Hit>> denseHits = settings.mode().needsVectors() ? denseHits(mentions) : null;
        List<List<LinkCandidate>> results = new ArrayList<>(mentions.size());
        for (int m = 0; m < mentions.size(); m++) {
            List<ConceptMatch> lexicalHits = settings.mode() == LinkingMode.DENSE
                    ? List.of() : lexical.search(mentions.get(m), settings.candidates());
            results.add(fuse(lexicalHits, denseHits == null ? List.of() : denseHits.get(m), accept, top));
        }
        return results;
    }

    private List<List<DenseIndex.Hit>> denseHits(List<String> mentions) {
        float[][] vectors = embedder.embed(mentions);
        List<List<DenseIndex.Hit>> hits = new ArrayList<>(mentions.size());
        for (float[] vector : vectors) {
            hits.add(dense.search(vector, settings.candidates()));
        }
        return hits;
    }

    private List<LinkCandidate> fuse(List<ConceptMatch> lexicalHits, List<DenseIndex.Hit> denseHits,
            Predicate<Concept> accept, int top) {
        Map<String, Builder> byConcept = new LinkedHashMap<>();
        int rank = 0;
        for (ConceptMatch match : lexicalHits) {
            if (accept.test(match.concept())) {
                Builder builder = byConcept.computeIfAbsent(match.concept().id(), id -> new Builder(match.concept()));
                if (builder.lexicalRank == 0) {
                    builder.lexicalRank = ++rank;
                    builder.lexicalScore = match.score();
                    builder.matchedName = match.matchedName();
                }
            }
        }
        rank = 0;
        for (DenseIndex.Hit hit : denseHits) {
            if (hit.score() < settings.minCosine()) {
                continue;
            }
            Optional<Concept> concept = lexical.concept(hit.conceptId());
            if (concept.isEmpty() || !accept.test(concept.get())) {
                continue;
            }
            Builder builder = byConcept.computeIfAbsent(hit.conceptId(), id -> new Builder(concept.get()));
            if (builder.denseRank == 0) {
                builder.denseRank = ++rank;
                builder.cosine = hit.score();
                if (builder.matchedName == null) {
                    builder.matchedName = hit.name();
                }
            }
        }
        return byConcept.values().stream()
                .map(builder -> builder.build(settings))
                .sorted(Comparator.comparingDouble(Ranked::rank).reversed()
                        .thenComparing(ranked -> ranked.candidate().concept().id()))
                .limit(top)
                .map(Ranked::candidate)
                .toList();
    }

    private record Ranked(LinkCandidate candidate, double rank) {}

    private static final class Builder {
        final Concept concept;
        int lexicalRank;
        int denseRank;
        double lexicalScore;
        double cosine;
        String matchedName;

        Builder(Concept concept) {
            this.concept = concept;
        }

        Ranked build(LinkerSettings settings) {
            // Lexical mode keeps the search score; dense and hybrid report the stronger of the two,
            // so that a threshold does not drop a concept the fusion ranked first on its cosine.
            double score = settings.mode() == LinkingMode.LEXICAL ? lexicalScore : Math.max(lexicalScore, Math.max(0, cosine));
            LinkCandidate candidate = new LinkCandidate(concept, score, lexicalRank, denseRank, cosine, matchedName);
            double rank = switch (settings.mode()) {
                case LEXICAL -> -lexicalRank;
                case DENSE -> cosine;
                case HYBRID -> settings.fusion() == LinkerSettings.Fusion.RRF
                        ? reciprocal(settings.lexicalWeight(), settings.rrfK(), lexicalRank)
                                + reciprocal(settings.denseWeight(), settings.rrfK(), denseRank)
                        : settings.lexicalWeight() * lexicalScore + settings.denseWeight() * cosine;
            };
            return new Ranked(candidate, rank);
        }

        private static double reciprocal(double weight, int k, int rank) {
            return rank == 0 ? 0 : weight / (k + rank);
        }
    }
}
