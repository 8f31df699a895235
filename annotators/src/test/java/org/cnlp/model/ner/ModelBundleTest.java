package org.cnlp.model.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    @TempDir
    Path dir;

    @Test
    void writesShardedChecksummedBundlesThatReadBackEqual() throws Exception {
        ModelBundle bundle = TinyBundles.write(dir.resolve("b"), "tiny", 1);
        assertEquals("tiny", bundle.name());
        assertEquals(TinyBundles.SCHEME, bundle.scheme());
        assertTrue(bundle.id().matches("tiny@[0-9a-f]{12}"), bundle.id());
        assertTrue(Files.exists(dir.resolve("b/model.safetensors.index.json")), "4 kB shards force several files");
        try (var files = Files.list(dir.resolve("b"))) {
            assertTrue(files.allMatch(f -> !f.getFileName().toString().startsWith(".")), "no staging leftovers");
        }
        ModelBundle again = ModelBundle.open(dir.resolve("b"));
        assertEquals(bundle.id(), again.id());
        assertEquals("test", again.manifest().path("training").path("purpose").asText());
        assertEquals(bundle.parameterCount(), again.parameterCount());
        assertTrue(again.bytes() > 0);
        assertThrows(FileAlreadyExistsException.class, () -> TinyBundles.write(dir.resolve("b"), "tiny", 1));
    }

    @Test
    void aDamagedOrIncompleteBundleIsRefusedWithTheFileNamed() throws Exception {
        TinyBundles.write(dir.resolve("b"), "tiny", 1);
        Path shard;
        try (var files = Files.list(dir.resolve("b"))) {
            shard = files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length - 1] ^= 1;
        Files.write(shard, bytes);
        IOException corrupt = assertThrows(IOException.class, () -> ModelBundle.open(dir.resolve("b")));
        assertTrue(corrupt.getMessage().contains(shard.getFileName() + " does not match its SHA-256"), corrupt.getMessage());

        Files.delete(dir.resolve("b/tokenizer.json"));
        IOException missing = assertThrows(IOException.class, () -> ModelBundle.open(dir.resolve("b")));
        assertTrue(missing.getMessage().contains("tokenizer.json is missing"), missing.getMessage());

        IOException none = assertThrows(IOException.class, () -> ModelBundle.open(dir.resolve("nothing")));
        assertTrue(none.getMessage().contains("not a model bundle"), none.getMessage());
    }

    @Test
    void labelSchemesRoundTripThroughTheirTags() {
        LabelScheme scheme = LabelScheme.of("Disease", "Chemical");
        assertEquals(List.of("O", "B-Disease", "I-Disease", "B-Chemical", "I-Chemical"), scheme.tags());
        assertEquals(scheme, LabelScheme.fromTags(scheme.tags()));
        assertThrows(IllegalArgumentException.class, () -> LabelScheme.fromTags(List.of("O", "I-Disease", "B-Disease")));
        assertEquals("Chemical", scheme.typeOf(4).orElseThrow());
        assertTrue(scheme.isBegin(3));
    }
}
