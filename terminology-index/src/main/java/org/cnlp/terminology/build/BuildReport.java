package org.cnlp.terminology.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@link TerminologyBuilder#build} did.
 *
 * @param indexDir                the index folder written
 * @param conceptsBySource        concepts per source ({@code DO}, {@code HPO}, {@code BC5CDR})
 * @param concepts                all concepts
 * @param names                   distinct normalised names over all concepts
 * @param abbreviationsResolved   curated abbreviations attached to a concept
 * @param unresolvedAbbreviations curated abbreviations whose concept is not in the terminology
 * @param elapsed                 wall time of loading and indexing
 */
public record BuildReport(Path indexDir, Map<String, Integer> conceptsBySource, int concepts, int names,
        int abbreviationsResolved, List<Abbreviation> unresolvedAbbreviations, Duration elapsed) {

    public BuildReport {
        conceptsBySource = Map.copyOf(conceptsBySource);
        unresolvedAbbreviations = List.copyOf(unresolvedAbbreviations);
    }
}
