package org.cnlp.terminology.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cnlp.terminology.dense.DenseIndexTest;
import org.cnlp.terminology.index.IndexMetadata;
import org.cnlp.terminology.index.TerminologyIndexWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebuildCheckTest {

    @TempDir
    Path dir;

    @Test
    void anIndexThisBuilderWroteAtALowerContentVersionIsRebuilt() throws Exception {
        assertEquals("first use", TerminologyBuilder.whyRebuild(dir.resolve("missing")));

        assertEquals(TerminologyBuilder.OUTDATED + " (content version 1, now " + TerminologyBuilder.CONTENT_VERSION + ")",
                TerminologyBuilder.whyRebuild(index("old", Map.of("DO", "test", "learned", "some"))));
        assertNull(TerminologyBuilder.whyRebuild(index("current", Map.of("DO", "test", "learned", "some",
                "content", TerminologyBuilder.CONTENT_VERSION))));
        assertNull(TerminologyBuilder.whyRebuild(index("newer", Map.of("DO", "test", "learned", "some", "content", "99"))),
                "a newer cnlp's index is not downgraded");
        assertNull(TerminologyBuilder.whyRebuild(index("custom", Map.of("DO", "test"))),
                "an index another writer made is left alone");

        Files.writeString(dir.resolve("current").resolve(IndexMetadata.FILE_NAME), "format=something else\n");
        assertTrue(TerminologyBuilder.whyRebuild(dir.resolve("current")).startsWith("unreadable: "));
    }

    private Path index(String name, Map<String, String> provenance) throws Exception {
        TerminologyIndexWriter.build(DenseIndexTest.CONCEPTS, dir.resolve(name), provenance);
        return dir.resolve(name);
    }
}
