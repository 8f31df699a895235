package org.cnlp.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cnlp.server.annotate.PipelineInfo;
import org.cnlp.server.annotate.ServedPipeline;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.server.models.BundleManifest;
import org.cnlp.server.models.ModelStep;
import org.junit.jupiter.api.Test;

class ModelsReportTest {

    private static final BundleManifest BUNDLE = new BundleManifest("ner-x@0123456789ab", "ner-x", "tiny", 10, List.of("O"), 32,
            "F32", null, Map.of(), null, 100);

    private static ServedPipeline pipeline(String name, List<ModelStep> steps) {
        PipelineInfo info = new PipelineInfo(name, "test", steps.isEmpty() ? PipelineInfo.RULES : PipelineInfo.MODEL,
                Optional.empty(), List.of("ner"), "v1", steps);
        return new ServedPipeline(info, new BatchSettings(1, Duration.ZERO, 1, 1), batch -> List.of(), () -> { });
    }

    @Test
    void theDeviceIsCpuUnlessAModelStepIsSetToAnother() {
        ServedPipeline rules = pipeline("dictionary", List.of());
        ServedPipeline cpu = pipeline("teacher", List.of(new ModelStep("ner", BUNDLE, "auto", "cpu", 16)));
        ServedPipeline gpu = pipeline("student", List.of(new ModelStep("ner", BUNDLE, "pytorch", " CUDA:0", 16)));
        try {
            assertEquals("cpu", ModelsReport.device(List.of(rules)));
            assertEquals("cpu", ModelsReport.device(List.of(rules, cpu)));
            assertEquals("cpu, cuda:0", ModelsReport.device(List.of(rules, cpu, gpu)));
            ModelsReport.BundleView view = ModelsReport.BundleView.of(gpu.info().modelSteps().getFirst());
            assertEquals("ner-x@0123456789ab", view.id());
            assertEquals("pytorch", view.engine());
        } finally {
            rules.close();
            cpu.close();
            gpu.close();
        }
    }
}
