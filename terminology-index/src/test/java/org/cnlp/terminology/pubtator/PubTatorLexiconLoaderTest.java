package org.cnlp.terminology.pubtator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cnlp.terminology.model.Concept;
import org.cnlp.terminology.model.SemanticGroups;
import org.cnlp.terminology.model.Sources;
import org.cnlp.terminology.model.Synonym;
import org.cnlp.terminology.model.SynonymType;
import org.junit.jupiter.api.Test;

class PubTatorLexiconLoaderTest {

    private static final String PUBTATOR = String.join("\n",
            "1|t|Naloxone reverses the effect of clonidine.",
            "1|a|Abstract text.",
            "1\t0\t8\tNaloxone\tChemical\tD009270",
            "1\t20\t28\tnaloxone\tChemical\tD009270",
            "1\t30\t38\tnaloxone\tChemical\tD009270",
            "1\t40\t48\tnalozone\tChemical\t-1",
            "1\t50\t53\tNLX\tChemical\tD009270",
            "1\t60\t63\tNLX\tChemical\tD009270",
            "1\t60\t63\tNLX\tChemical\tD009270",
            "1\t60\t63\tNLX\tChemical\tD009270",
            "1\t70\t82\thypertensive\tDisease\tD006973",
            "1\t90\t130\tsodium and potassium chloride\tChemical\tD012965|D011189\tsodium chloride|potassium chloride",
            "1\t140\t160\tcalcium and magnesium\tChemical\tD002118|D008274",
            "1\t170\t171\tK\tChemical\tD011188",
            "1\tCID\tD008750\tD007022",
            "");

    @Test
    void learnsOneConceptPerMeshId() throws IOException {
        Map<String, Concept> concepts = PubTatorLexiconLoader.parse(new StringReader(PUBTATOR)).stream()
                .collect(Collectors.toMap(Concept::id, Function.identity()));

        assertEquals(List.of("MESH:D009270", "MESH:D011189", "MESH:D012965"),
                concepts.keySet().stream().sorted().toList(),
                "diseases, unnormalised mentions, composite mentions without parts and 1-letter names are skipped");
        Concept naloxone = concepts.get("MESH:D009270");
        assertEquals("naloxone", naloxone.preferredTerm(),
                "most frequent text that is not an abbreviation, in its most frequent spelling");
        assertEquals(List.of(new Synonym("NLX", SynonymType.ABBREVIATION)), naloxone.synonyms());
        assertEquals(List.of("MESH:D009270"), naloxone.xrefs());
        assertEquals(SemanticGroups.CHEMICAL, naloxone.semanticGroup());
        assertEquals(Sources.BC5CDR, naloxone.source());
        assertEquals("potassium chloride", concepts.get("MESH:D011189").preferredTerm());
    }

    @Test
    void recognisesAbbreviatedMentions() {
        assertTrue(PubTatorLexiconLoader.looksAbbreviated("5-FU"));
        assertTrue(PubTatorLexiconLoader.looksAbbreviated("alpha-T"));
        assertTrue(PubTatorLexiconLoader.looksAbbreviated("NLX"));
        assertFalse(PubTatorLexiconLoader.looksAbbreviated("Naloxone"));
        assertFalse(PubTatorLexiconLoader.looksAbbreviated("alpha-tocopherol"));
    }
}
