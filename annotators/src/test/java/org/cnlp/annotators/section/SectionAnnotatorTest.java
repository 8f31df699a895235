package org.cnlp.annotators.section;

import static org.apache.uima.fit.pipeline.SimplePipeline.runPipeline;
import static org.apache.uima.fit.util.JCasUtil.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.annotators.internal.CapabilityAssert;
import org.cnlp.annotators.internal.MtSamples;
import org.cnlp.type.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SectionAnnotatorTest {

    @Test
    void createsSectionsWithNamesAndHeaderOffsets() throws Exception {
        JCas jcas = JCasFactory.createText("Follow-up visit.\nHPI: Cough.\nPLAN: Rest.");
        runPipeline(jcas, SectionAnnotator.description());
        List<Section> sections = List.copyOf(select(jcas, Section.class));
        assertEquals(List.of("none", "hpi", "plan"), sections.stream().map(Section::getName).toList());
        assertEquals(List.of("Follow-up visit.", "HPI: Cough.", "PLAN: Rest."),
                sections.stream().map(Section::getCoveredText).toList());
        Section hpi = sections.get(1);
        assertEquals("HPI:", jcas.getDocumentText().substring(hpi.getHeaderBegin(), hpi.getHeaderEnd()));
    }

    @Test
    void readsAReplacementHeaderTable(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("headers.tsv");
        Files.writeString(table, "# custom\nbefund\texam\n");
        JCas jcas = JCasFactory.createText("BEFUND: unauffaellig.\nHISTORY: cough.");
        runPipeline(jcas, SectionAnnotator.description(table));
        assertEquals(List.of("exam", "other"), select(jcas, Section.class).stream().map(Section::getName).toList());
    }

    @Test
    void failsToInitialiseOnAMissingTable(@TempDir Path dir) {
        assertThrows(ResourceInitializationException.class, () -> AnalysisEngineFactory.createEngine(
                SectionAnnotator.description(dir.resolve("missing.tsv"))));
    }

    @Test
    void declaredCapabilitiesMatchOutput() throws Exception {
        CapabilityAssert.assertOutputsMatch(SectionAnnotator.description(),
                JCasFactory.createText("Seen today.\nHPI: Cough.\nPLAN: Rest."));
    }

    @Test
    void mtsamplesNotesGetSectionsInOrder() throws Exception {
        List<String> notes = MtSamples.transcriptions();
        assertTrue(notes.size() > 300);
        SectionDetector detector = new SectionDetector(SectionHeaderTable.bundled());
        int withHeaders = 0;
        Map<String, Integer> names = new HashMap<>();
        for (String note : notes) {
            List<DetectedSection> sections = detector.detect(note);
            int previousEnd = 0;
            for (DetectedSection s : sections) {
                assertTrue(s.begin() >= previousEnd && s.end() <= note.length());
                String header = note.substring(s.headerBegin(), s.headerEnd());
                assertTrue(!s.hasHeader() || header.endsWith(":") || !header.contains(":"), header);
                names.merge(s.name(), 1, Integer::sum);
                previousEnd = s.end();
            }
            if (sections.stream().anyMatch(DetectedSection::hasHeader)) {
                withHeaders++;
            }
        }
        assertTrue(withHeaders >= notes.size() * 0.95, "notes with a header: " + withHeaders + "/" + notes.size());
        for (String frequent : List.of("hpi", "pmh", "medications", "allergies", "exam", "plan", "diagnosis", "procedure")) {
            assertTrue(names.getOrDefault(frequent, 0) >= 10, frequent + " " + names);
        }
    }
}
