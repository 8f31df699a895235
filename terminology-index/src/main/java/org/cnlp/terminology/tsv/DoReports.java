package org.cnlp.terminology.tsv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of the Disease Ontology TSV reports.
 *
 * @param labels current terms: DOID → label, in file order (the reports list no obsolete term)
 * @param xrefs  DOID → normalised cross-references, merged from every xref report; may hold ids that are not
 *               in {@code labels}
 */
public record DoReports(Map<String, String> labels, Map<String, List<String>> xrefs) {

    public DoReports {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        xrefs = Map.copyOf(xrefs);
    }
}
