package org.cnlp.terminology.link;

/**
 * How a {@link ConceptLinker} chooses.
 *
 * <p>Hybrid fusion: with {@link Fusion#RRF} a concept scores
 * {@code lexicalWeight / (rrfK + lexicalRank) + denseWeight / (rrfK + denseRank)} (ranks from 1;
 * a list that misses the concept adds nothing); with {@link Fusion#WEIGHTED} it scores
 * {@code lexicalWeight · lexicalScore + denseWeight · cosine} (a missing score counts as 0). The
 * reported score of a dense or fused candidate is the larger of its lexical score and its cosine.
 *
 * @param mode          where candidates come from
 * @param fusion        how hybrid candidates are ranked
 * @param lexicalWeight the lexical list's weight in the fusion
 * @param denseWeight   the dense list's weight in the fusion
 * @param rrfK          the rank offset of reciprocal-rank fusion
 * @param candidates    candidates read from each list before filtering and fusing
 * @param minCosine     dense candidates below this cosine are dropped
 */
public record LinkerSettings(LinkingMode mode, Fusion fusion, double lexicalWeight, double denseWeight, int rrfK,
        int candidates, double minCosine) {

    /** How hybrid candidates are ranked. */
    public enum Fusion { RRF, WEIGHTED }

    /** Lexical only, as the linker always worked. */
    public static final LinkerSettings LEXICAL = new LinkerSettings(LinkingMode.LEXICAL, Fusion.RRF, 1, 1, 60, 20, 0);

    public LinkerSettings {
        if (mode == null || fusion == null) {
            throw new IllegalArgumentException("mode and fusion are required");
        }
        if (lexicalWeight < 0 || denseWeight < 0 || rrfK < 0 || candidates < 1 || candidates > 100) {
            throw new IllegalArgumentException("weights and rrfK must be at least 0, candidates 1..100");
        }
    }

    /**
     * The defaults for a mode: reciprocal-rank fusion with k = 10, the dense list weighted twice
     * the lexical one, 20 candidates from each. Chosen on NCBI-disease devel (see the module
     * README): every RRF setting tried (k 1-60, lexical weight 0.5-2) and the best weighted-score
     * settings landed within 0.3 points of each other there.
     */
    public static LinkerSettings defaults(LinkingMode mode) {
        return new LinkerSettings(mode, Fusion.RRF, 0.5, 1.0, 10, 20, 0.5);
    }

    /** The same settings in another mode. */
    public LinkerSettings withMode(LinkingMode newMode) {
        return new LinkerSettings(newMode, fusion, lexicalWeight, denseWeight, rrfK, candidates, minCosine);
    }
}
