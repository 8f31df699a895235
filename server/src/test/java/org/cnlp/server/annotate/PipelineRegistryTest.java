package org.cnlp.server.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;
import org.junit.jupiter.api.Test;

class PipelineRegistryTest {

    private static Selection select(String pipeline, String model) {
        return new Selection(Optional.ofNullable(pipeline), Optional.ofNullable(model));
    }

    @Test
    void selectsTheDefaultByNameOrByModel() throws Exception {
        try (PipelineRegistry registry = new PipelineRegistry(List.of(FakePipelines.echo("dictionary", Optional.empty()),
                FakePipelines.echo("ner-student", Optional.of("student")), FakePipelines.echo("ner-teacher", Optional.of("teacher"))),
                "dictionary")) {
            assertEquals("dictionary", registry.resolve(Selection.DEFAULT).name());
            assertEquals("ner-teacher", registry.resolve(select("ner-teacher", null)).name());
            assertEquals("ner-student", registry.resolve(select(null, "student")).name());
            assertEquals("ner-student", registry.resolve(select("ner-student", "student")).name());
            assertEquals(List.of("student", "teacher"), registry.modelNames());
            Problem mismatch = assertThrows(ProblemException.class, () -> registry.resolve(select("dictionary", "student"))).problem();
            assertEquals(ProblemType.UNKNOWN_PIPELINE, mismatch.type());
            assertEquals(List.of("ner-student"), mismatch.validValues());
        }
    }

    @Test
    void unknownNamesAreAnsweredWithTheValidOnes() throws Exception {
        try (PipelineRegistry registry = new PipelineRegistry(List.of(FakePipelines.echo("dictionary", Optional.empty())), "dictionary")) {
            Problem pipeline = assertThrows(ProblemException.class, () -> registry.resolve(select("ner", null))).problem();
            assertEquals(ProblemType.UNKNOWN_PIPELINE, pipeline.type());
            assertEquals(400, pipeline.status());
            assertEquals(List.of("dictionary"), pipeline.validValues());
            Problem model = assertThrows(ProblemException.class, () -> registry.resolve(select(null, "teacher"))).problem();
            assertEquals(ProblemType.UNKNOWN_MODEL, model.type());
            assertTrue(model.validValues().isEmpty());
            assertTrue(model.detail().contains("served models: none") && model.detail().contains("dictionary"), model.detail());
        }
    }

    @Test
    void theDefaultMustBeServedAndNamesUnique() throws Exception {
        try (ServedPipeline a = FakePipelines.echo("a", Optional.empty()); ServedPipeline again = FakePipelines.echo("a", Optional.empty())) {
            assertThrows(IllegalArgumentException.class, () -> new PipelineRegistry(List.of(a), "b"));
            assertThrows(IllegalArgumentException.class, () -> new PipelineRegistry(List.of(a, again), "a"));
        }
    }
}
