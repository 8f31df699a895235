package org.cnlp.server.annotate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.cnlp.pipeline.microbatch.BatchHandler;
import org.cnlp.pipeline.microbatch.BatchSettings;

/** Served pipelines whose batches run a given handler, for tests of selection, back-pressure and timeouts. */
final class FakePipelines {

    private FakePipelines() {
    }

    static ServedPipeline pipeline(String name, Optional<String> model, BatchSettings settings,
            BatchHandler<AnnotationTask, AnnotationOutcome> handler) {
        PipelineInfo info = new PipelineInfo(name, "test pipeline " + name, model.isPresent() ? PipelineInfo.MODEL : PipelineInfo.RULES,
                model, List.of("test"), "test-1");
        return new ServedPipeline(info, settings, handler, () -> { });
    }

    static ServedPipeline echo(String name, Optional<String> model) {
        return pipeline(name, model, new BatchSettings(4, Duration.ZERO, 16, 1), batch -> batch.stream()
                .<AnnotationOutcome>map(t -> new AnnotationOutcome.Annotated(
                        ("{\"id\":\"" + t.document().id() + "\"}").getBytes(StandardCharsets.UTF_8), 0))
                .toList());
    }
}
