package org.cnlp.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cnlp.pipeline.batch.BatchMetrics;
import org.cnlp.server.TinyTerminology;
import org.cnlp.server.annotate.AnnotationTask;
import org.cnlp.server.annotate.DocumentInput;
import org.cnlp.server.annotate.OutputFormat;
import org.cnlp.server.inbox.Inbox;
import org.cnlp.server.inbox.InboxGauges;
import org.cnlp.server.inbox.InboxSettings;
import org.cnlp.server.inbox.InboxStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's inbox/outbox over the real dictionary pipeline: files in, annotations out, counters, clean stop. */
class InboxLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    private InboxSettings inboxSettings() {
        return new InboxSettings(dir.resolve("inbox"), dir.resolve("outbox"), "dictionary", 2, Duration.ofMillis(50));
    }

    @Test
    void annotatesDroppedFilesIntoTheOutboxAndCountsThem() throws Exception {
        Path index = TinyTerminology.build(dir.resolve("index"));
        InboxSettings settings = inboxSettings();
        Services services = ServiceAssembly.open(TestSettings.withInbox(TestSettings.of(index, dir), settings));
        Inbox inbox = services.inbox().orElseThrow();
        try {
            assertTrue(Files.isDirectory(settings.inbox()), "the inbox is created");
            assertEquals(InboxStatus.WATCHING, inbox.status().state());
            assertEquals(0, inbox.metrics().inputsFinished());

            drop(settings.inbox(), "a.txt", "History of MI. Denies chest pain.");
            drop(settings.inbox(), "b.txt", "Type 2 diabetes mellitus on metformin.");
            drop(settings.inbox(), "c.txt", "No breast cancer.");
            drop(settings.inbox(), "empty.txt", "");
            waitUntil(() -> inbox.metrics().inputsFinished() == 4, "4 inputs finished: " + inbox.metrics());

            List<Path> outputs = outputs(settings.outbox());
            assertEquals(3, outputs.size(), outputs.toString());
            JsonNode a = new ObjectMapper().readTree(settings.outbox().resolve(
                    outputs.stream().filter(p -> p.getFileName().toString().startsWith("a")).findFirst().orElseThrow()).toFile());
            assertTrue(a.toString().contains("DOID:5844"), "the dictionary linked MI: " + a);
            assertTrue(Files.exists(settings.inbox().resolve(".done/a.txt")));
            assertTrue(Files.exists(settings.inbox().resolve(".error/empty.txt")));

            BatchMetrics metrics = inbox.metrics();
            Map<String, Number> gauges = new HashMap<>();
            for (InboxGauges.Gauge gauge : InboxGauges.ALL) {
                gauges.put(gauge.name(), gauge.value().apply(metrics));
            }
            assertEquals(3L, gauges.get("cnlp.inbox.done"));
            assertEquals(1L, gauges.get("cnlp.inbox.failed"));
            assertEquals(0L, gauges.get("cnlp.inbox.vanished"));
            assertEquals(3L, gauges.get("cnlp.inbox.documents"));
            assertEquals(0L, gauges.get("cnlp.inbox.in.flight"));
            assertTrue(gauges.get("cnlp.inbox.documents.per.second").doubleValue() > 0, gauges.toString());
            assertEquals(6, gauges.size(), "distinct names");

            InboxStatus status = inbox.status();
            assertTrue(status.enabled());
            assertEquals(settings.inbox().toString(), status.inbox());
            assertEquals(settings.outbox().toString(), status.outbox());
            assertEquals("dictionary", status.pipeline());
            assertEquals(2, status.threads());
            assertEquals(3, status.counts().inputsDone());
            assertEquals(1, status.counts().inputsFailed());
            assertEquals(3, status.counts().documents());
            assertEquals(1, status.summary().failures().size());
            assertEquals("empty.txt", status.summary().failures().getFirst().source());
            assertEquals("EMPTY", status.summary().failures().getFirst().reason());
            assertEquals("sections,sentences,tokens,concepts,assertion", status.summary().versions().get("pipeline.steps"));
            assertEquals("5", status.summary().versions().get("terminology.concepts"));
        } finally {
            services.close();
        }
        assertFalse(inbox.running());
        assertEquals(InboxStatus.STOPPED, inbox.status().state());
        assertTrue(Files.exists(settings.outbox().resolve("batch-summary.json")), "the run summary is written on stop");
        assertThrows(RejectedExecutionException.class, () -> services.registry().pipelines().getFirst()
                .submit(new AnnotationTask(new DocumentInput("t", "MI."), OutputFormat.JSON, Set.of())),
                "the pipelines close after the inbox");
        inbox.close();
    }

    @Test
    void anInboxThatCannotStartFailsTheStartSayingWhy() throws Exception {
        Path index = TinyTerminology.build(dir.resolve("index"));
        InboxSettings settings = inboxSettings();
        try (Services first = ServiceAssembly.open(TestSettings.withInbox(TestSettings.of(index, dir), settings))) {
            Exception e = assertThrows(IllegalStateException.class,
                    () -> ServiceAssembly.open(TestSettings.withInbox(TestSettings.of(index, dir), settings)));
            assertTrue(e.getMessage().startsWith("the inbox did not start (cnlp.inbox.dir " + settings.inbox()), e.getMessage());
            assertTrue(e.getMessage().contains("in use by another cnlp batch"), e.getMessage());
            assertTrue(first.inbox().orElseThrow().running(), "the first server's inbox is untouched");
        }
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        InboxSettings bad = new InboxSettings(notAFolder, dir.resolve("out2"), "dictionary", 1, Duration.ZERO);
        Exception e = assertThrows(IllegalStateException.class,
                () -> ServiceAssembly.open(TestSettings.withInbox(TestSettings.of(index, dir), bad)));
        assertTrue(e.getMessage().contains("the inbox did not start"), e.getMessage());
    }

    @Test
    void aServerWithoutInboxReportsItDisabled() throws Exception {
        Path index = TinyTerminology.build(dir.resolve("index"));
        try (Services services = ServiceAssembly.open(TestSettings.of(index, dir))) {
            assertTrue(services.inbox().isEmpty());
        }
        InboxStatus off = InboxStatus.disabled();
        assertFalse(off.enabled());
        assertEquals(InboxStatus.DISABLED, off.state());
    }

    /** Writes under a hidden name and renames, as a well-behaved producer does. */
    private static void drop(Path inbox, String name, String text) throws IOException {
        Path hidden = Files.writeString(inbox.resolve("." + name + ".part"), text);
        Files.move(hidden, inbox.resolve(name));
    }

    private static List<Path> outputs(Path outbox) throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(outbox::relativize).filter(p -> !p.toString().startsWith(".") && p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().startsWith("batch-summary")).sorted().toList();
        }
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }
}
