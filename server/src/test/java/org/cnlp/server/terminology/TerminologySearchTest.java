package org.cnlp.server.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.cnlp.server.TinyTerminology;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;
import org.cnlp.terminology.index.TerminologyIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminologySearchTest {

    @TempDir
    static Path dir;

    private static TerminologyIndex index;
    private static TerminologySearch search;

    @BeforeAll
    static void open() throws IOException {
        index = TerminologyIndex.open(TinyTerminology.build(dir.resolve("index")));
        search = new TerminologySearch(index);
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    @Test
    void findsConceptsBestFirstWithTheirIdsAndXrefs() throws Exception {
        SearchResponse response = search.search(Optional.of(" heart attack "), Optional.of("3"));
        assertEquals("heart attack", response.query());
        assertEquals(3, response.top());
        ConceptHit best = response.matches().getFirst();
        assertEquals("DOID:5844", best.id());
        assertEquals("myocardial infarction", best.preferredTerm());
        assertEquals("EXACT", best.matchType());
        assertEquals("heart attack", best.matchedName());
        assertTrue(best.xrefs().contains("MESH:D009203"));
        assertEquals(TerminologySearch.DEFAULT_TOP, search.search(Optional.of("brest cancer"), Optional.empty()).top());
        assertEquals("DOID:1612", search.search(Optional.of("brest cancer"), Optional.empty()).matches().getFirst().id());
    }

    @Test
    void refusesMissingBlankOrLongQueriesAndBadTop() {
        for (Optional<String> q : List.of(Optional.<String>empty(), Optional.of("  "), Optional.of("x".repeat(257)))) {
            assertEquals(ProblemType.INVALID_REQUEST,
                    assertThrows(ProblemException.class, () -> search.search(q, Optional.empty())).problem().type());
        }
        for (String top : new String[] {"0", "101", "ten", "-3"}) {
            assertEquals(ProblemType.INVALID_REQUEST,
                    assertThrows(ProblemException.class, () -> search.search(Optional.of("mi"), Optional.of(top))).problem().type());
        }
    }

    @Test
    void aMissingIndexIsBuiltOnlyWhenCorporaAreGiven() throws Exception {
        Path missing = dir.resolve("missing");
        IOException e = assertThrows(IOException.class, () -> TerminologyProvisioner.ensure(missing, Optional.empty()));
        assertTrue(e.getMessage().contains("cnlp terminology build"), e.getMessage());
        assertThrows(IOException.class, () -> TerminologyProvisioner.ensure(missing, Optional.of(dir.resolve("no-corpora"))));
        assertEquals(dir.resolve("index"), TerminologyProvisioner.ensure(dir.resolve("index"), Optional.empty()));
        assertTrue(Files.notExists(missing));
    }
}
