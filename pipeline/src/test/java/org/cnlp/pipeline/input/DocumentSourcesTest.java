package org.cnlp.pipeline.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.cnlp.pipeline.input.InputRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentSourcesTest {

    @TempDir
    Path dir;

    private final DocumentSources sources = new DocumentSources(new TextValidator(10_000));

    @Test
    void readsTextJsonAndPubTatorFiles() throws Exception {
        Path text = Files.writeString(dir.resolve("note-1.txt"), "HPI: chest pain.");
        Path json = Files.writeString(dir.resolve("batch.json"),
                "[{\"id\":\"a\",\"text\":\"fever\"},{\"id\":\"b\",\"text\":\"cough\",\"metadata\":{\"ward\":\"3\"}}]");
        Path pubtator = Files.writeString(dir.resolve("gold.txt"),
                "123|t|Title here.\n123|a|Abstract text.\n123\t0\t5\tTitle\tDisease\tD000001\n\n"
                        + "456|t|Second.\n456|a|More.\n");

        SourceDocument note = sources.read(text).getFirst();
        assertEquals("note-1", note.id());
        assertEquals("text", note.format());

        List<SourceDocument> fromJson = sources.read(json);
        assertEquals(List.of("a", "b"), fromJson.stream().map(SourceDocument::id).toList());
        assertEquals("3", fromJson.get(1).metadata().get("ward"));

        List<SourceDocument> abstracts = sources.read(pubtator);
        assertEquals(List.of("123", "456"), abstracts.stream().map(SourceDocument::id).toList());
        assertEquals("Title here. Abstract text.", abstracts.getFirst().text());
        assertEquals("Title here.".length(), abstracts.getFirst().titleEnd());
    }

    @Test
    void badFilesAreRejectedWithTheirReason() throws Exception {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Path malformed = Files.writeString(dir.resolve("bad.json"), "{\"id\": \"x\", \"text\": ");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "na\u00efve".getBytes(StandardCharsets.ISO_8859_1));
        Path huge = Files.write(dir.resolve("huge.txt"), "a".repeat(10_001).getBytes(StandardCharsets.UTF_8));
        Path gone = dir.resolve("vanished.txt");

        assertEquals(Reason.EMPTY, assertThrows(InputRejectedException.class, () -> sources.read(empty)).reason());
        assertEquals(Reason.MALFORMED, assertThrows(InputRejectedException.class, () -> sources.read(malformed)).reason());
        assertEquals(Reason.NOT_UTF8, assertThrows(InputRejectedException.class, () -> sources.read(latin1)).reason());
        assertEquals(Reason.TOO_LARGE, assertThrows(InputRejectedException.class, () -> sources.read(huge)).reason());
        assertEquals(Reason.UNREADABLE, assertThrows(InputRejectedException.class, () -> sources.read(gone)).reason());
    }

    @Test
    void foldersAreWalkedInOrderSkippingHiddenEntries() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.createDirectories(dir.resolve(".done"));
        Files.writeString(dir.resolve("b.txt"), "b");
        Files.writeString(dir.resolve("sub/a.txt"), "a");
        Files.writeString(dir.resolve(".hidden.txt"), "h");
        Files.writeString(dir.resolve(".done/old.txt"), "o");

        List<Path> files = sources.expand(List.of(dir));

        assertEquals(List.of(dir.resolve("b.txt"), dir.resolve("sub/a.txt")), files);
        assertThrows(NoSuchFileException.class, () -> sources.expand(List.of(dir.resolve("missing"))));
    }

    @Test
    void readsBytesThatArriveWithoutAFile() throws Exception {
        SourceDocument note = sources.read("queue/note-7.txt", "chest pain".getBytes(StandardCharsets.UTF_8)).getFirst();
        assertEquals("note-7", note.id());
        assertEquals("queue/note-7.txt", note.source());
        List<SourceDocument> fromJson = sources.read("m.json", "{\"text\":\"fever\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("m", fromJson.getFirst().id());
        assertEquals("json", fromJson.getFirst().format());
        assertEquals("pubtator", sources.read("k", "9|t|T.\n9|a|A.\n".getBytes(StandardCharsets.UTF_8)).getFirst().format());
        assertEquals(Reason.EMPTY, assertThrows(InputRejectedException.class, () -> sources.read("e.txt", new byte[0])).reason());
    }
}
