package org.cnlp.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cnlp.model.ner.ModelBundle;
import org.junit.jupiter.api.Test;

/** The bundles shipped in models/ open (every checksum verified), stay within the size budget and carry their dev scores. */
class ShippedModelsTest {

    private static final Path MODELS = Path.of("..").toAbsolutePath().normalize().resolve("models");

    @Test
    void everyShippedBundleVerifiesAndFitsTheBudget() throws Exception {
        List<Path> bundles;
        try (Stream<Path> dirs = Files.list(MODELS)) {
            bundles = dirs.filter(ModelBundle::isBundle).sorted().toList();
        }
        long total = 0;
        for (Path dir : bundles) {
            ModelBundle bundle = ModelBundle.open(dir);
            total += bundle.bytes();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    assertTrue(Files.size(file) <= 50_000_000L, file + " is over 50 MB");
                }
            }
            assertTrue(bundle.manifest().path("training").path("devF1").size() > 0, dir + " records its dev F1");
        }
        Path vqa = MODELS.resolve("vqa");
        org.cnlp.multimodal.vqa.VqaBundle vqaBundle = org.cnlp.multimodal.vqa.VqaBundle.open(vqa);
        assertTrue(vqaBundle.metrics().path("validation").path("attention").path("closed").asDouble() > 0.5,
                "the VQA bundle records its validation scores");
        try (Stream<Path> files = Files.list(vqa)) {
            for (Path file : files.toList()) {
                assertTrue(Files.size(file) <= 50_000_000L, file + " is over 50 MB");
                total += Files.size(file);
            }
        }
        assertTrue(total <= 100_000_000L, "shipped models (teacher, student and VQA) take " + total + " bytes, the budget is 100 MB");
    }
}
