package org.cnlp.pipeline.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.cnlp.pipeline.batch.internal.BatchCounters;
import org.cnlp.pipeline.batch.internal.BatchImageFiles;
import org.cnlp.pipeline.batch.internal.DocumentProcessor;
import org.cnlp.pipeline.batch.internal.FolderLayout;
import org.cnlp.pipeline.batch.internal.FolderWorker;
import org.cnlp.pipeline.batch.internal.OutputLedger;
import org.cnlp.pipeline.batch.internal.Renderer;
import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.run.PipelineRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's handling of files that vanish or are handed out twice, without a route around it. */
class FolderWorkerTest {

    @TempDir
    Path dir;

    @Test
    void vanishedFilesAreCountedOnceAndStaleHandOutsAreIgnored() throws Exception {
        FolderLayout layout = new FolderLayout(dir.resolve("in"), dir.resolve("out"));
        Files.createDirectories(layout.inbox());
        BatchCounters counters = new BatchCounters();
        try (PipelineRunner runner = PainAnnotator.runner(1, 0);
             OutputLedger ledger = OutputLedger.open(layout.state().resolve("ledger"), List.of(), false)) {
            BatchImageFiles images = new BatchImageFiles(layout, 0);
            FolderWorker worker = new FolderWorker(layout, new DocumentSources(new TextValidator(), images), images,
                    new DocumentProcessor(runner, new Renderer(Set.of(BatchFormat.JSON), Set.of(), false), counters),
                    ledger, counters, RunInfo.of("pain"), "run-1", false);

            Path gone = layout.inbox().resolve("gone.txt");
            assertFalse(worker.admit(gone));
            worker.handle(layout.inbox().resolve("deleted-while-queued.txt"));
            assertEquals(2, counters.metrics(0).inputsVanished());

            Path note = Files.writeString(layout.inbox().resolve("note.txt"), "pain");
            assertTrue(worker.admit(note));
            worker.handle(note);
            assertFalse(worker.admit(note), "a stale hand-out of a finished file");
            worker.handle(note);
            BatchMetrics metrics = counters.metrics(0);
            assertEquals(1, metrics.inputsDone());
            assertEquals(2, metrics.inputsVanished());
            assertTrue(Files.exists(layout.doneFile("note.txt")));
            assertEquals("note.json", FolderWorker.safeName("note") + ".json");
            assertEquals("_.hidden", FolderWorker.safeName(".hidden"));
            assertEquals("a_b_c", FolderWorker.safeName("a/b c"));
        }
    }
}
