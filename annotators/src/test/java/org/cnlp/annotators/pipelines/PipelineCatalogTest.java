package org.cnlp.annotators.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCatalogTest {

    @TempDir
    Path dir;

    @Test
    void builtInDictionaryPipelineHasTheFiveSteps() throws Exception {
        PipelineDefinition dictionary = PipelineCatalog.builtIn().get("dictionary");
        assertEquals(List.of("sections", "sentences", "tokens", "concepts", "assertion"),
                dictionary.steps().stream().map(PipelineDefinition.Step::step).toList());
        AnalysisEngineDescription aggregate = PipelineFactory.aggregate(dictionary, new PipelineContext(dir));
        assertEquals("dictionary", aggregate.getMetaData().getName());
        assertEquals(5, aggregate.getDelegateAnalysisEngineSpecifiersWithImports().size());
    }

    @Test
    void userFilesAddPipelinesAndStepParameters() throws Exception {
        Path file = Files.writeString(dir.resolve("pipelines.json"), """
                {"chemicals": {"description": "chemicals only", "steps": [
                  {"step": "sentences"}, {"step": "tokens"},
                  {"step": "concepts", "params": {"semanticGroups": "Chemical", "maxConcepts": 1}}]}}
                """);
        PipelineCatalog catalog = PipelineCatalog.withOverrides(file);
        assertEquals(java.util.Set.of("chemicals", "dictionary", "student", "teacher"), catalog.names());
        PipelineDefinition chemicals = catalog.get("chemicals");
        assertEquals(1, chemicals.steps().get(2).params().get("maxConcepts"));
        PipelineFactory.aggregate(chemicals, new PipelineContext(dir));
    }

    @Test
    void unknownNamesGiveTheValidOnes() throws Exception {
        PipelineConfigException pipeline = assertThrows(PipelineConfigException.class, () -> PipelineCatalog.builtIn().get("teacherz"));
        assertEquals("unknown pipeline 'teacherz'; known pipelines: dictionary, student, teacher", pipeline.getMessage());

        Path badStep = Files.writeString(dir.resolve("bad.json"), "{\"p\": {\"steps\": [{\"step\": \"negex\"}]}}");
        PipelineConfigException step = assertThrows(PipelineConfigException.class, () -> PipelineCatalog.withOverrides(badStep));
        assertTrue(step.getMessage().contains("unknown step 'negex'; known steps: assertion, concepts, linking, ner, sections, sentences, tokens"),
                step.getMessage());

        Path malformed = Files.writeString(dir.resolve("malformed.json"), "{\"p\": ");
        assertTrue(assertThrows(PipelineConfigException.class, () -> PipelineCatalog.withOverrides(malformed)).getMessage()
                .startsWith("cannot read pipeline file"));
        Path noSteps = Files.writeString(dir.resolve("nosteps.json"), "{\"p\": {\"steps\": []}}");
        assertThrows(PipelineConfigException.class, () -> PipelineCatalog.withOverrides(noSteps));
    }
}
