package org.cnlp.server.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cnlp.annotators.pipelines.PipelineCatalog;
import org.cnlp.annotators.pipelines.PipelineContext;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.server.TinyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleManifestTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatModelBundleWroteWithTheSameIdAndSize() throws IOException {
        ModelBundle written = TinyBundle.write(dir.resolve("ner-teacher"), "ner-teacher");
        BundleManifest manifest = BundleManifest.read(dir.resolve("ner-teacher"));
        assertEquals(written.id(), manifest.id());
        assertTrue(manifest.id().matches("ner-teacher@[0-9a-f]{12}"), manifest.id());
        assertEquals("ner-teacher", manifest.name());
        assertEquals("tiny random (server test)", manifest.base());
        assertEquals(written.parameterCount(), manifest.parameters());
        assertEquals(written.bytes(), manifest.bytes());
        assertEquals(List.of("O", "B-Disease", "I-Disease", "B-Chemical", "I-Chemical"), manifest.tags());
        assertEquals(32, manifest.maxLength());
        assertEquals("F32", manifest.dtype());
        assertTrue(manifest.created() != null && manifest.created().startsWith("20"), manifest.created());
        assertEquals(TinyBundle.DEV_F1, manifest.devF1());
        assertEquals(List.copyOf(TinyBundle.DEV_F1.keySet()), List.copyOf(manifest.devF1().keySet()), "manifest order");
        assertEquals(TinyBundle.DEV_SCORE, manifest.devScore());
    }

    @Test
    void aBundleWithoutDevScoresReportsNone() throws IOException {
        TinyBundle.write(dir.resolve("plain"), "plain", Map.of("purpose", "test"));
        BundleManifest manifest = BundleManifest.read(dir.resolve("plain"));
        assertEquals(Map.of(), manifest.devF1());
        assertNull(manifest.devScore());
    }

    @Test
    void aMissingOrBrokenManifestNamesTheFile() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> BundleManifest.read(dir));
        assertTrue(missing.getMessage().contains("bundle.json"), missing.getMessage());
        Files.writeString(dir.resolve("bundle.json"), "{\"name\": ", StandardCharsets.UTF_8);
        IOException broken = assertThrows(IOException.class, () -> BundleManifest.read(dir));
        assertTrue(broken.getMessage().contains(dir.resolve("bundle.json").toString()), broken.getMessage());
    }

    @Test
    void findsTheBundleOfTheTeacherPipelinesNerStep() throws IOException {
        ModelBundle written = TinyBundle.write(dir.resolve("models/ner-teacher"), "ner-teacher");
        List<ModelStep> steps = ModelStep.of(PipelineCatalog.builtIn().get("teacher"),
                new PipelineContext(dir.resolve("index"), dir.resolve("models")));
        assertEquals(1, steps.size());
        ModelStep step = steps.getFirst();
        assertEquals(new ModelStep("ner", step.bundle(), "auto", "cpu", 16), step);
        assertEquals(written.id(), step.bundle().id());
        assertTrue(ModelStep.runsAModel(PipelineCatalog.builtIn().get("teacher")));
        assertEquals(List.of(), ModelStep.of(PipelineCatalog.builtIn().get("dictionary"), new PipelineContext(dir)));
        assertFalse(ModelStep.runsAModel(PipelineCatalog.builtIn().get("dictionary")));
    }
}
