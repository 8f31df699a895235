package org.cnlp.terminology.link;

import org.cnlp.terminology.model.Concept;

/**
 * A concept a mention may denote.
 *
 * @param concept      the concept
 * @param score        in lexical mode the search score; in dense and hybrid modes the larger of the
 *                     search score and the cosine similarity (0..1 either way)
 * @param lexicalRank  its rank in the lexical list (from 1), 0 when absent
 * @param denseRank    its rank in the dense list (from 1), 0 when absent
 * @param cosine       the cosine of its nearest name, 0 when not in the dense list
 * @param matchedName  the name that matched: lexical when present, else the nearest name
 */
public record LinkCandidate(Concept concept, double score, int lexicalRank, int denseRank, double cosine,
        String matchedName) {}
