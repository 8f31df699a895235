package org.cnlp.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** {@link ServerConfig#settings()} over the values MicroProfile Config would inject (its defaults unless set). */
class ServerConfigTest {

    /** A configuration as injected with only the required index set. */
    private static ServerConfig config() {
        ServerConfig config = new ServerConfig();
        config.terminologyIndex = Optional.of("/srv/cnlp/terminology-index");
        config.terminologyCorpora = Optional.empty();
        config.pipelines = List.of("dictionary");
        config.pipelinesFile = Optional.empty();
        config.defaultPipeline = Optional.empty();
        config.models = Optional.empty();
        config.modelsDir = Optional.empty();
        config.instances = Optional.of(2);
        config.batchMaxSize = 16;
        config.batchMaxWaitMillis = 0;
        config.queueCapacity = 256;
        config.maxBatchDocuments = 64;
        config.maxBodyBytes = 10_485_760;
        config.timeoutMillis = 30_000;
        config.securityMode = "prod";
        config.devKeyFile = "cnlp-dev-api-key";
        config.apiKeysFile = Optional.empty();
        config.apiKeys = Optional.empty();
        return config;
    }

    @Test
    void withoutModelsDirPipelinesHaveNoModelsFolder() {
        ServerSettings settings = config().settings();
        assertEquals(Optional.empty(), settings.modelsDir());
        assertEquals("dictionary", settings.defaultPipeline());
        assertTrue(settings.toString().contains("models dir=-"), settings.toString());
    }

    @Test
    void modelsDirIsResolvedToAnAbsoluteNormalizedPath() {
        ServerConfig config = config();
        config.modelsDir = Optional.of(" /work/main/server/../models ");
        assertEquals(Optional.of(Path.of("/work/main/models")), config.settings().modelsDir());
        config.modelsDir = Optional.of("models");
        assertEquals(Optional.of(Path.of("models").toAbsolutePath().normalize()), config.settings().modelsDir());
        config.modelsDir = Optional.of("  ");
        assertEquals(Optional.empty(), config.settings().modelsDir(), "blank means unset");
    }

    @Test
    void servesTheTeacherBesideTheDefaultDictionary() {
        ServerConfig config = config();
        config.pipelines = List.of("dictionary", "teacher");
        config.models = Optional.of(List.of("teacher=teacher"));
        config.modelsDir = Optional.of("/opt/cnlp/models");
        ServerSettings settings = config.settings();
        assertEquals("dictionary", settings.defaultPipeline());
        assertEquals(Map.of("teacher", "teacher"), settings.models());
        assertEquals(Optional.of("teacher"), settings.modelOf("teacher"));
        assertEquals(Optional.of(Path.of("/opt/cnlp/models")), settings.modelsDir());
        assertTrue(settings.toString().contains("models dir=/opt/cnlp/models"), settings.toString());
        config.models = Optional.of(List.of("student=student"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::settings);
        assertTrue(e.getMessage().contains("'student'"), e.getMessage());
    }
}
