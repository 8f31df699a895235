package org.cnlp.terminology.tsv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.cnlp.terminology.obo.OboTerm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoReportsLoaderTest {

    private static final String HUMAN_DO = """
            id\tlabel\tsubClassOf
            "DOID:3908"\t"lung non-small cell carcinoma"\t"lung carcinoma"
            "DOID:3908"\t"lung non-small cell carcinoma"\t"non-small cell carcinoma"
            "DOID:0040058"\t"1,4-phenylenediamine allergic contact dermatitis"\t"allergic contact dermatitis"
            "DOID:0050120"\t"hemophagocytic lymphohistiocytosis"\t"histiocytosis"
            """;
    private static final String NCI = """
            id\tlabel\txrefs
            "DOID:3908"\t"lung non-small cell carcinoma"\t"NCI:C2926, NCI:C7454"
            "DOID:9999"\t"an obsolete term"\t"NCI:C1"
            """;
    private static final String ALL_XREFS = """
            id\tlabel\txref
            "DOID:0050120"\t"hemophagocytic lymphohistiocytosis"\t"MIM:PS267700"
            "DOID:3908"\t"lung non-small cell carcinoma"\t"UMLS_CUI:C0007131"
            "DOID:3908"\t"lung non-small cell carcinoma"\t"NCI:C2926"
            """;

    private static final List<OboTerm> RELEASE_2015 = List.of(
            new OboTerm("DOID:3908", "non-small cell lung carcinoma",
                    List.of(new Synonym("NSCLC", SynonymType.EXACT),
                            new Synonym("Non-small cell lung cancer (disorder)", SynonymType.EXACT)),
                    List.of("MSH:D002289"), List.of(), List.of("DOID:3905"), false),
            new OboTerm("DOID:0050120", "hemophagocytic lymphohistiocytosis",
                    List.of(new Synonym("HLH", SynonymType.EXACT)), List.of(), List.of(), List.of(), false),
            new OboTerm("DOID:0040058", "phenylenediamine dermatitis",
                    List.of(new Synonym("PPD allergy", SynonymType.RELATED)), List.of(), List.of(), List.of(), true),
            new OboTerm("DOID:9999", "an obsolete term", List.of(), List.of(), List.of(), List.of(), false));

    @Test
    void readsLabelsAndXrefs() throws IOException {
        DoReports reports = DoReportsLoader.parse(new StringReader(HUMAN_DO),
                List.of(new StringReader(NCI), new StringReader(ALL_XREFS)));

        assertEquals(List.of("DOID:3908", "DOID:0040058", "DOID:0050120"), List.copyOf(reports.labels().keySet()));
        assertEquals("1,4-phenylenediamine allergic contact dermatitis", reports.labels().get("DOID:0040058"));
        assertEquals(List.of("NCI:C2926", "NCI:C7454", "UMLS:C0007131"), reports.xrefs().get("DOID:3908"));
        assertEquals(List.of("OMIM:PS267700"), reports.xrefs().get("DOID:0050120"));
    }

    @Test
    void mergesCurrentLabelsWithOlderSynonymsAndDropsRemovedTerms() throws IOException {
        DoReports reports = DoReportsLoader.parse(new StringReader(HUMAN_DO),
                List.of(new StringReader(NCI), new StringReader(ALL_XREFS)));

        Map<String, Concept> concepts = DoReportsLoader.merge(reports, RELEASE_2015).stream()
                .collect(Collectors.toMap(Concept::id, Function.identity()));

        assertEquals(3, concepts.size());
        Concept nsclc = concepts.get("DOID:3908");
        assertEquals("lung non-small cell carcinoma", nsclc.preferredTerm());
        assertEquals(List.of(
                new Synonym("non-small cell lung carcinoma", SynonymType.EXACT),
                new Synonym("NSCLC", SynonymType.ABBREVIATION),
                new Synonym("Non-small cell lung cancer", SynonymType.EXACT)), nsclc.synonyms());
        assertEquals(List.of("NCI:C2926", "NCI:C7454", "UMLS:C0007131"), nsclc.xrefs(),
                "xrefs come from the current reports only");
        assertEquals(SemanticGroups.DISEASE, nsclc.semanticGroup());
        assertEquals(Sources.DO, nsclc.source());
        assertEquals(List.of(new Synonym("HLH", SynonymType.ABBREVIATION)), concepts.get("DOID:0050120").synonyms(),
                "an unchanged label is not repeated as a synonym");
        assertEquals(List.of(), concepts.get("DOID:0040058").synonyms(), "terms obsolete in 2015 lend no synonyms");
    }

    @Test
    void loadsAFolderAndRequiresTheLabelReport(@TempDir Path dir) throws IOException {
        assertThrows(NoSuchFileException.class, () -> DoReportsLoader.load(dir));

        Files.writeString(dir.resolve(DoReportsLoader.LABELS_FILE), HUMAN_DO);
        Files.writeString(dir.resolve("NCIinDO.tsv"), NCI);
        DoReports reports = DoReportsLoader.load(dir);

        assertEquals(3, reports.labels().size());
        assertEquals(List.of("NCI:C2926", "NCI:C7454"), reports.xrefs().get("DOID:3908"));
    }
}
