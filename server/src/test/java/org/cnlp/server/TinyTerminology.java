package org.cnlp.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.cnlp.terminology.index.TerminologyIndexWriter;
import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;

/** A five-concept terminology index for tests that run the real dictionary pipeline. */
public final class TinyTerminology {

    private TinyTerminology() {
    }

    public static Path build(Path dir) throws IOException {
        TerminologyIndexWriter.build(List.of(
                new Concept("DOID:5844", "myocardial infarction",
                        List.of(new Synonym("heart attack", SynonymType.EXACT), new Synonym("MI", SynonymType.ABBREVIATION)),
                        List.of("MESH:D009203"), SemanticGroups.DISEASE, Sources.DO),
                new Concept("DOID:9352", "type 2 diabetes mellitus", List.of(new Synonym("T2DM", SynonymType.ABBREVIATION)),
                        List.of("MESH:D003924"), SemanticGroups.DISEASE, Sources.DO),
                new Concept("DOID:1612", "breast cancer", List.of(), List.of("MESH:D001943"), SemanticGroups.DISEASE, Sources.DO),
                new Concept("HP:0100749", "chest pain", List.of(), List.of("MESH:D002637"), SemanticGroups.PHENOTYPE, Sources.HPO),
                new Concept("MESH:D008687", "metformin", List.of(), List.of("MESH:D008687"), SemanticGroups.CHEMICAL, Sources.BC5CDR)),
                dir);
        return dir;
    }
}
