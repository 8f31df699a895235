package org.cnlp.annotators.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.cnlp.annotators.lookup.ConceptDictionary.Entry;
import org.cnlp.annotators.lookup.ConceptDictionary.LookupToken;
import org.cnlp.annotators.lookup.ConceptDictionary.Match;
import org.junit.jupiter.api.Test;

class ConceptDictionaryTest {

    private static List<LookupToken> tokens(String text) {
        return Arrays.stream(text.split(" "))
                .map(t -> new LookupToken(t.toLowerCase(), t.equals(t.toUpperCase()) && !t.equals(t.toLowerCase()), t.equals("-")))
                .toList();
    }

    private static Entry entry(String id, boolean preferred, int rank) {
        return new Entry(id, id, preferred, rank, false);
    }

    private static List<String> spans(ConceptDictionary dictionary, String text) {
        List<LookupToken> tokens = tokens(text);
        String[] words = text.split(" ");
        return dictionary.findAll(tokens).stream()
                .map(m -> String.join(" ", Arrays.copyOfRange(words, m.begin(), m.end())) + "=" + m.entries().getFirst().conceptId())
                .toList();
    }

    private final ConceptDictionary dictionary = ConceptDictionary.builder(4)
            .add(List.of("baby", "tooth"), entry("TOOTH", true, 0))
            .add(List.of("lung", "cancer"), entry("LC", true, 0))
            .add(List.of("non", "small", "cell", "lung", "cancer"), entry("NSCLC", true, 0))
            .add(List.of("cancer"), entry("CANCER", true, 0))
            .add(List.of("tumor"), entry("TUMOR", true, 0))
            .add(List.of("all"), entry("ALL", false, 0))
            .add(List.of("heart", "attack"), new Entry("MI", "heart attack", false, 0, false))
            .add(List.of("mi"), new Entry("MI", "MI", false, 0, true))
            .add(List.of("hypertension"), entry("HP:HTN", true, 1))
            .add(List.of("hypertension"), entry("DOID:HTN", true, 0))
            .build();

    @Test
    void matchesWholeTokensOnlyNeverPartialWords() {
        assertEquals(List.of(), spans(dictionary, "the baby to bed"));
        assertEquals(List.of("baby tooth=TOOTH"), spans(dictionary, "a baby tooth fell"));
    }

    @Test
    void prefersTheLongestMatchAndSkipsHyphens() {
        assertEquals(List.of("non - small cell lung cancer=NSCLC"), spans(dictionary, "non - small cell lung cancer"));
        assertEquals(List.of("lung cancer=LC", "cancer=CANCER"), spans(dictionary, "lung cancer and cancer"));
    }

    @Test
    void shortNamesAndAbbreviationsNeedCapitals() {
        assertEquals(List.of(), spans(dictionary, "all patients mi"));
        assertEquals(List.of("ALL=ALL", "MI=MI"), spans(dictionary, "ALL with MI"));
    }

    @Test
    void pluralsFallBackToSingular() {
        assertEquals(List.of("tumors=TUMOR"), spans(dictionary, "two tumors"));
        assertEquals("tumor", ConceptDictionary.singular("tumors"));
        assertEquals("artery", ConceptDictionary.singular("arteries"));
        assertEquals("stenosis", ConceptDictionary.singular("stenosis"));
    }

    @Test
    void candidatesAreRankedBySourceThenId() {
        Match match = dictionary.findAll(tokens("hypertension")).getFirst();
        assertEquals(List.of("DOID:HTN", "HP:HTN"), match.entries().stream().map(Entry::conceptId).toList());
    }
}
