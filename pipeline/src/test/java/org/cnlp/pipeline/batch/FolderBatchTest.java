package org.cnlp.pipeline.batch;

import static org.cnlp.pipeline.batch.BatchFolders.files;
import static org.cnlp.pipeline.batch.BatchFolders.old;
import static org.cnlp.pipeline.batch.BatchFolders.outputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.io.xmi.XmiIo;
import org.cnlp.pipeline.run.PipelineRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private FolderBatchConfig.Builder config(Path in, Path out) {
        return FolderBatchConfig.builder(in, out).threads(2).pollInterval(Duration.ofMillis(20)).settleTime(Duration.ofMillis(400));
    }

    private static BatchSummary runToEnd(FolderBatchConfig config, PipelineRunner runner) throws Exception {
        try (FolderBatch batch = FolderBatch.open(config, runner, RunInfo.of("pain"))) {
            batch.start();
            assertTrue(batch.await(WAIT), "the batch did not drain its inbox");
            batch.stop();
            return batch.summary();
        }
    }

    @Test
    void fiveHundredInputsWithBadOnesEachEndUpInExactlyOnePlace() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Random random = new Random(20261127);
        Map<String, String> notes = new HashMap<>();
        for (int i = 0; i < 487; i++) {
            String text = "Note " + i + ": " + "patient reports pain. ".repeat(random.nextInt(4)) + "No fever.".repeat(1 + random.nextInt(3));
            String relative = (i < 243 ? "notes/" : "notes/sub/") + String.format("note-%03d.txt", i);
            old(in.resolve(relative), text);
            notes.put(relative, text);
        }
        old(in.resolve("pair.json"), "[{\"id\": \"j-1\", \"text\": \"chest pain\"}, {\"id\": \"j-2\", \"text\": \"no pain\", \"metadata\": {\"ward\": 3}}]");
        old(in.resolve("abstracts.txt"), "901|t|Pain study.\n901|a|We study pain.\n\n902|t|Second.\n902|a|More.\n\n903|t|Third.\n903|a|Last pain.\n");
        old(in.resolve("dup-a.json"), "{\"id\": \"same\", \"text\": \"first copy\"}");
        old(in.resolve("dup-b.json"), "{\"id\": \"same\", \"text\": \"second copy\"}");
        old(in.resolve("bad/empty.txt"), new byte[0]);
        old(in.resolve("bad/blank.txt"), "  \n\t\n");
        old(in.resolve("bad/binary.dat"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        old(in.resolve("bad/latin1.txt"), "Patient Secretname: diab\u00e8te".getBytes(StandardCharsets.ISO_8859_1));
        old(in.resolve("bad/broken.json"), "{\"id\": \"x\", \"text\": ");
        old(in.resolve("bad/poison.txt"), "This note is POISON for the engine.");
        byte[] huge = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        old(in.resolve("bad/huge.txt"), huge);
        Path doomed = Files.writeString(in.resolve("doomed.txt"), "a note still being written, then deleted");
        Files.setLastModifiedTime(doomed, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(30)));
        // "Still being written" is modelled by a modification time in the future rather than by a
        // writer racing the poller: a loaded CI machine can stall a writing thread past any settle time.
        Path writing = in.resolve("writing.txt");
        Files.writeString(writing, "first line\n");
        Files.setLastModifiedTime(writing, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(3600)));
        assertEquals(500, files(in, false).size());

        try (PipelineRunner runner = PainAnnotator.runner(2, 0);
             FolderBatch batch = FolderBatch.open(config(in, out).build(), runner, RunInfo.of("pain"))) {
            batch.start();
            assertFalse(batch.await(Duration.ofMillis(1500)), "an unfinished file keeps the batch going");
            assertTrue(Files.exists(writing), "a file still being written stays in the inbox");
            assertFalse(Files.exists(out.resolve("writing.json")), "a file still being written is not annotated");
            try (Writer writer = Files.newBufferedWriter(writing, StandardOpenOption.APPEND)) {
                for (int i = 0; i < 10; i++) {
                    writer.write("line " + i + " with pain\n");
                }
            }
            Files.setLastModifiedTime(writing, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            Files.delete(doomed);
            assertTrue(batch.await(WAIT), "the batch did not drain its inbox");
            batch.stop();
            BatchSummary summary = batch.summary();

            assertEquals(Set.of(), files(in, false), "inbox drained");
            Set<String> expectedDone = new TreeSet<>(notes.keySet());
            expectedDone.addAll(List.of("pair.json", "abstracts.txt", "writing.txt"));
            Set<String> done = files(in.resolve(".done"), true);
            Set<String> dups = Set.of("dup-a.json", "dup-b.json");
            Set<String> doneDups = new HashSet<>(done);
            doneDups.retainAll(dups);
            assertEquals(1, doneDups.size(), "exactly one of two inputs with the same id succeeds: " + done);
            done.removeAll(dups);
            assertEquals(expectedDone, done);

            Map<String, String> expectedErrors = Map.of("bad/empty.txt", "EMPTY", "bad/blank.txt", "EMPTY", "bad/binary.dat", "BINARY",
                    "bad/latin1.txt", "NOT_UTF8", "bad/broken.json", "MALFORMED", "bad/poison.txt", "ANNOTATION_FAILED",
                    "bad/huge.txt", "TOO_LARGE");
            Map<String, String> errors = new HashMap<>();
            for (String file : files(in.resolve(".error"), true)) {
                if (!file.endsWith(".error.json")) {
                    JsonNode report = JSON.readTree(in.resolve(".error").resolve(file + ".error.json").toFile());
                    assertEquals(file, report.path("file").asText());
                    assertFalse(report.path("message").asText().contains("Secretname"), "no note text in reports");
                    errors.put(file, report.path("reason").asText());
                    if (file.equals("bad/poison.txt")) {
                        assertEquals("ANNOTATE", report.path("stage").asText());
                        assertEquals("poison", report.path("documentId").asText());
                    }
                }
            }
            String losingDup = dups.stream().filter(d -> !doneDups.contains(d)).findFirst().orElseThrow();
            Map<String, String> allExpectedErrors = new HashMap<>(expectedErrors);
            allExpectedErrors.put(losingDup, "OUTPUT_CONFLICT");
            assertEquals(allExpectedErrors, errors);
            assertEquals(2 * errors.size(), files(in.resolve(".error"), true).size(), "one report per failed input, nothing else");

            Set<String> expectedOutputs = new TreeSet<>();
            notes.keySet().forEach(n -> expectedOutputs.add(n.replace(".txt", ".json")));
            expectedOutputs.addAll(List.of("j-1.json", "j-2.json", "901.json", "902.json", "903.json", "same.json", "writing.json"));
            assertEquals(expectedOutputs, outputs(out));
            assertFalse(files(out, true).stream().anyMatch(f -> f.endsWith(".cnlp-tmp")), "no temporary files left");

            for (Map.Entry<String, String> note : notes.entrySet()) {
                JsonNode json = JSON.readTree(out.resolve(note.getKey().replace(".txt", ".json")).toFile());
                String id = Path.of(note.getKey()).getFileName().toString().replace(".txt", "");
                assertEquals(id, json.path("document").path("id").asText());
                assertEquals(note.getValue().length(), json.path("textLength").asInt());
                assertEquals(note.getValue().split("\\bpain\\b", -1).length - 1, json.path("entities").size(), id);
            }
            JsonNode written = JSON.readTree(out.resolve("writing.json").toFile());
            assertEquals(Files.readString(in.resolve(".done/writing.txt")).length(), written.path("textLength").asInt(),
                    "a file still being written is taken only once complete");
            assertEquals(10, written.path("entities").size());

            assertEquals(491, summary.inputsDone());
            assertEquals(8, summary.inputsFailed());
            assertEquals(0, summary.inputsVanished());
            assertEquals(494, summary.documents());
            assertEquals(494, summary.outputs());
            assertEquals(8, summary.failures().size());
            assertEquals(Set.of(PainAnnotator.MODEL), summary.models());
            BatchMetrics metrics = batch.metrics();
            assertEquals(0, metrics.inFlight());
            assertEquals(499, metrics.inputsFinished());
        }
    }

    @Test
    void manyFilesOnManyThreadsAreEachConsumedOnce() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        for (int i = 0; i < 2000; i++) {
            old(in.resolve("d" + (i % 7)).resolve("n" + i + ".txt"), "pain " + i);
        }
        try (PipelineRunner runner = PainAnnotator.runner(4, 0)) {
            BatchSummary summary = runToEnd(config(in, out).threads(4).settleTime(Duration.ZERO).build(), runner);
            assertEquals(2000, summary.inputsDone());
            assertEquals(0, summary.inputsFailed() + summary.inputsVanished());
            assertEquals(2000, summary.documents());
            assertEquals(2000, outputs(out).size());
            assertEquals(2000, files(in.resolve(".done"), true).size());
            assertTrue(summary.toText().contains("2000 done, 0 failed, 0 vanished"), summary.toText());
        }
    }

    @Test
    void restartFinishesWhatACrashLeftHalfDone() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        old(in.resolve("a.txt"), "pain after a crash between output and move");
        Files.createDirectories(out.resolve(".cnlp-batch"));
        Files.writeString(out.resolve("a.json"), "{\"stale\": true}\n");
        Files.writeString(out.resolve(".cnlp-batch/outputs.ledger"), "[\"a.json\",\"a.txt\"]\n[\"torn.json\",\"to");
        Files.writeString(out.resolve(".b.json.1f2e.cnlp-tmp"), "{\"half\": ");
        old(in.resolve("c.txt"), "pain whose error report was written before the crash");
        Files.createDirectories(in.resolve(".error"));
        Files.writeString(in.resolve(".error/c.txt.error.json"),
                "{\"schema\": \"cnlp-batch-error\", \"file\": \"c.txt\", \"stage\": \"READ\", \"reason\": \"UNREADABLE\"}");
        Files.writeString(in.resolve(".error/.d.txt.error.json.99.cnlp-tmp"), "{");

        try (PipelineRunner runner = PainAnnotator.runner(1, 0)) {
            BatchSummary summary = runToEnd(config(in, out).build(), runner);
            assertEquals(2, summary.inputsDone());
        }
        assertEquals(Set.of("a.json", "c.json"), outputs(out));
        assertEquals(1, JSON.readTree(out.resolve("a.json").toFile()).path("entities").size(), "the stale output is replaced");
        assertEquals(Set.of("a.txt", "c.txt"), files(in.resolve(".done"), true));
        assertEquals(Set.of(), files(in.resolve(".error"), true), "orphan report and temporary file removed");
        assertFalse(files(out, true).stream().anyMatch(f -> f.endsWith(".cnlp-tmp")));
        String ledger = Files.readString(out.resolve(".cnlp-batch/outputs.ledger"));
        assertFalse(ledger.contains("torn"), ledger);
        assertTrue(ledger.endsWith("[\"c.json\",\"c.txt\"]\n"), ledger);
    }

    @Test
    void watchModeTakesNewFilesUntilStopped() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        try (PipelineRunner runner = PainAnnotator.runner(2, 0);
             FolderBatch batch = FolderBatch.open(config(in, out).watch(true).settleTime(Duration.ZERO).build(), runner, RunInfo.of("pain"))) {
            batch.start();
            assertFalse(batch.await(Duration.ofMillis(300)), "an empty watched inbox is not finished");
            for (int i = 0; i < 3; i++) {
                Path hidden = Files.writeString(in.resolve(".incoming-" + i), "pain " + i);
                Files.move(hidden, in.resolve("w" + i + ".txt"));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (batch.metrics().inputsDone() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            batch.stop();
            assertTrue(batch.await(Duration.ZERO));
            assertEquals(Set.of("w0.json", "w1.json", "w2.json"), outputs(out));
            assertEquals(3, batch.summary().inputsDone());
        }
    }

    @Test
    void writesXmiWithItsTypeSystemAndRefusesASecondBatchOnTheSameFolders() throws Exception {
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        old(in.resolve("x.txt"), "chest pain");
        FolderBatchConfig config = config(in, out).formats(EnumSet.of(BatchFormat.JSON, BatchFormat.XMI)).build();
        try (PipelineRunner runner = PainAnnotator.runner(1, 0);
             FolderBatch batch = FolderBatch.open(config, runner, RunInfo.of("pain"))) {
            IOException busy = assertThrows(IOException.class, () -> FolderBatch.open(config, runner, RunInfo.of("pain")));
            assertTrue(busy.getMessage().contains("in use by another cnlp batch"), busy.getMessage());
            batch.start();
            assertTrue(batch.await(WAIT));
        }
        assertEquals(Set.of("x.json", "x.xmi"), outputs(out));
        assertTrue(Files.exists(out.resolve("TypeSystem.xml")));
        JCas jcas = JCasFactory.createJCas();
        try (InputStream xmi = Files.newInputStream(out.resolve("x.xmi"))) {
            XmiIo.read(xmi, jcas);
        }
        assertEquals("chest pain", jcas.getDocumentText());
    }

    @Test
    void outputsMustNotGoInsideTheInbox() {
        IllegalArgumentException inside = assertThrows(IllegalArgumentException.class, () -> config(dir, dir.resolve("out")).build());
        assertTrue(inside.getMessage().contains("must not be the input folder"), inside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config(dir, dir).build());
        assertEquals(dir.resolve("in"), config(dir.resolve("in"), dir).build().inbox(), "the outbox may hold the inbox");
    }
}
