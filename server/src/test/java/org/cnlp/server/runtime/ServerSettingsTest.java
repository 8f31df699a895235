package org.cnlp.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cnlp.server.annotate.RequestLimits;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.server.security.SecurityMode;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    private static final Path INDEX = Path.of("/tmp/index");

    private static ServerSettings settings(List<String> pipelines, String defaultPipeline, Map<String, String> models,
            int maxDocuments, int capacity) {
        return new ServerSettings(INDEX, Optional.empty(), pipelines, Optional.empty(), defaultPipeline, models,
                Optional.empty(), 2,
                new BatchSettings(8, Duration.ZERO, capacity, 2), true, new RequestLimits(1000, maxDocuments, 50), Duration.ofSeconds(5),
                SecurityMode.PROD, Path.of("key"), Optional.empty(), List.of("very-secret-key-0123456789"),
                Optional.empty(), Optional.empty());
    }

    @Test
    void validatesNamesAndLimitsAgainstEachOther() {
        assertThrows(IllegalArgumentException.class, () -> settings(List.of(), "dictionary", Map.of(), 8, 16));
        assertThrows(IllegalArgumentException.class, () -> settings(List.of("dictionary"), "ner", Map.of(), 8, 16));
        assertThrows(IllegalArgumentException.class, () -> settings(List.of("dictionary"), "dictionary", Map.of("student", "ner"), 8, 16));
        assertThrows(IllegalArgumentException.class, () -> settings(List.of("dictionary"), "dictionary", Map.of(), 32, 16));
        ServerSettings ok = settings(List.of("dictionary", "ner"), "dictionary", Map.of("student", "ner"), 8, 16);
        assertEquals(Optional.of("student"), ok.modelOf("ner"));
        assertEquals(Optional.empty(), ok.modelOf("dictionary"));
    }

    @Test
    void modelPipelinesTakeOneDocumentPerReplicaAndShareTheirModelPasses() {
        ServerSettings s = settings(List.of("dictionary"), "dictionary", Map.of(), 8, 16);
        assertEquals(new BatchSettings(1, Duration.ZERO, 16, 2), s.requestQueue("model"));
        assertEquals(new BatchSettings(ServerSettings.RULE_DOCUMENTS_PER_CALL, Duration.ZERO, 16, 2), s.requestQueue("rules"));
        assertEquals(8, s.sharedPasses().maxBatchSize(), "cnlp.batch.max-size: sequences per shared pass");
        assertEquals(1, s.sharedPasses().workers(), "one pass at a time");
        ServerSettings off = new ServerSettings(INDEX, Optional.empty(), List.of("dictionary"), Optional.empty(), "dictionary",
                Map.of(), Optional.empty(), 2, new BatchSettings(1, Duration.ZERO, 16, 2), false, new RequestLimits(1000, 8, 50),
                Duration.ofSeconds(5), SecurityMode.PROD, Path.of("key"), Optional.empty(), List.of("k"), Optional.empty(),
                Optional.empty());
        assertEquals(null, off.sharedPasses(), "cnlp.batch.max-size=0: every replica runs its own passes");
        assertThrows(IllegalArgumentException.class, () -> new ServerSettings(INDEX, Optional.empty(), List.of("dictionary"),
                Optional.empty(), "dictionary", Map.of(), Optional.empty(), 2, new BatchSettings(5000, Duration.ZERO, 16, 2), true,
                new RequestLimits(1000, 8, 50), Duration.ofSeconds(5), SecurityMode.PROD, Path.of("key"), Optional.empty(),
                List.of("k"), Optional.empty(), Optional.empty()));
    }

    @Test
    void neverPrintsKeys() {
        String text = settings(List.of("dictionary"), "dictionary", Map.of(), 8, 16).toString();
        assertFalse(text.contains("very-secret-key"), text);
        assertTrue(text.contains("keys given=1"), text);
    }
}
