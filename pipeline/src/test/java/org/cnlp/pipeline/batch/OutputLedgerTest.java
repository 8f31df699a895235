package org.cnlp.pipeline.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.cnlp.pipeline.batch.internal.OutputLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLedgerTest {

    @TempDir
    Path dir;

    @Test
    void claimsPersistAndConflictsNameTheOwner() throws Exception {
        Path file = dir.resolve("state/ledger");
        try (OutputLedger ledger = OutputLedger.open(file, List.of("TypeSystem.xml"), false)) {
            assertEquals(Optional.empty(), ledger.claim("a.json", "a.txt"));
            assertEquals(Optional.empty(), ledger.claim("a.json", "a.txt"), "the same input may claim again");
            assertEquals(Optional.of("a.txt"), ledger.claim("a.json", "other/a.json"));
            assertEquals(Optional.of(""), ledger.claim("TypeSystem.xml", "TypeSystem.txt"));
            assertEquals(Optional.empty(), ledger.claim("tab\tname.json", "odd\nname.txt"));
        }
        Files.writeString(file, Files.readString(file) + "[\"torn.js");
        try (OutputLedger ledger = OutputLedger.open(file, List.of(), false)) {
            assertEquals(Optional.of("a.txt"), ledger.claim("a.json", "b.txt"));
            assertEquals(Optional.of("odd\nname.txt"), ledger.claim("tab\tname.json", "x"));
            assertEquals(Optional.empty(), ledger.claim("torn.json", "t.txt"));
            assertEquals(List.of("a.json"), ledger.ownedBy("a.txt"));
        }
        assertEquals(3, Files.readAllLines(file).size());
    }

    @Test
    void aCorruptMiddleLineIsAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("ledger"), "[\"a\",\"b\"]\nnot json\n[\"c\",\"d\"]\n");
        IOException e = assertThrows(IOException.class, () -> OutputLedger.open(file, List.of(), false));
        assertEquals(file + ":2: corrupt output ledger line; move the file away to start afresh", e.getMessage());
    }
}
