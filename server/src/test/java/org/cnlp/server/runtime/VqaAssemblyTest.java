package org.cnlp.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.cnlp.multimodal.uima.VqaModelId;
import org.cnlp.server.TinyTerminology;
import org.cnlp.server.TinyVqa;
import org.cnlp.server.vqa.VqaModelView;
import org.cnlp.server.vqa.VqaRequest;
import org.cnlp.server.vqa.VqaResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's start with {@code cnlp.vqa.model} set: a bundle that loads, and one that does not. */
class VqaAssemblyTest {

    @TempDir
    Path dir;

    @Test
    void servesVqaWhenConfiguredAndReportsItsModel() throws Exception {
        Path index = TinyTerminology.build(dir.resolve("index"));
        Path bundle = TinyVqa.write(dir.resolve("models"));
        ServerSettings settings = TestSettings.withVqa(TestSettings.of(index, dir), bundle);
        try (Services services = ServiceAssembly.open(settings)) {
            assertTrue(services.vqa().isReady());
            VqaModelView vqa = ModelsReport.of(services).vqa();
            assertEquals(VqaModelView.READY, vqa.status());
            assertEquals(VqaModelId.of(bundle), vqa.id());
            VqaResponse response = services.vqa().answer(new VqaRequest(TinyVqa.image(64, 48, "png"), "a.png",
                    List.of("Is there a fracture?")));
            assertEquals(vqa.id(), response.model());
            assertEquals(new VqaResponse.ImageView(64, 48), response.image());
        }
        ServerSettings broken = TestSettings.withVqa(TestSettings.of(index, dir), dir.resolve("models/none"));
        try (Services services = ServiceAssembly.open(broken)) {
            assertEquals(VqaModelView.FAILED, ModelsReport.of(services).vqa().status(), "the pipelines are served all the same");
            assertEquals(1, services.registry().pipelines().getFirst().stats().processed());
        }
    }
}
