package org.cnlp.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cnlp.server.inbox.InboxSettings;
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
        config.inboxDir = Optional.empty();
        config.outboxDir = Optional.empty();
        config.inboxPipeline = Optional.empty();
        config.inboxThreads = 1;
        config.inboxSettleMillis = 1000;
        config.vqaModel = Optional.empty();
        return config;
    }

    @Test
    void batchMaxSizeShapesTheSharedModelPassesAndZeroTurnsThemOff() {
        ServerConfig config = config();
        assertEquals(16, config.settings().sharedPasses().maxBatchSize());
        config.batchMaxSize = 0;
        assertEquals(null, config.settings().sharedPasses());
        config.batchMaxSize = -1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::settings);
        assertTrue(e.getMessage().contains("cnlp.batch.max-size"), e.getMessage());
    }

    @Test
    void withoutModelsDirPipelinesHaveNoModelsFolder() {
        ServerSettings settings = config().settings();
        assertEquals(Optional.empty(), settings.modelsDir());
        assertEquals("dictionary", settings.defaultPipeline());
        assertTrue(settings.toString().contains("models dir=-"), settings.toString());
    }

    @Test
    void vqaIsTheConfiguredBundleOrTheModelsFoldersVqaWhenInstalled(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        assertEquals(Optional.empty(), config().settings().vqaModel());
        ServerConfig config = config();
        config.modelsDir = Optional.of(dir.toString());
        assertEquals(Optional.empty(), config.settings().vqaModel(), "no models/vqa/bundle.json");
        java.nio.file.Files.createDirectories(dir.resolve("vqa"));
        java.nio.file.Files.writeString(dir.resolve("vqa/bundle.json"), "{}");
        assertEquals(Optional.of(dir.resolve("vqa")), config.settings().vqaModel());
        config.vqaModel = Optional.of("none");
        assertEquals(Optional.empty(), config.settings().vqaModel(), "turned off");
        config.vqaModel = Optional.of(" /srv/models/../vqa-2 ");
        assertEquals(Optional.of(Path.of("/srv/vqa-2")), config.settings().vqaModel());
        assertTrue(config.settings().toString().contains("vqa=/srv/vqa-2"));
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

    @Test
    void theInboxIsOffUnlessItsFolderIsSet() {
        ServerConfig config = config();
        assertEquals(Optional.empty(), config.settings().inbox());
        assertTrue(config.settings().toString().contains("inbox=-"), config.settings().toString());
        config.inboxDir = Optional.of("  ");
        config.outboxDir = Optional.of("/srv/out");
        assertEquals(Optional.empty(), config.settings().inbox(), "a blank inbox turns it off");
    }

    @Test
    void inboxSettingsDefaultToTheDefaultPipelineOneThreadAndASecondsSettleTime() {
        ServerConfig config = config();
        config.pipelines = List.of("dictionary", "teacher");
        config.inboxDir = Optional.of(" /srv/cnlp/../inbox ");
        config.outboxDir = Optional.of("outbox");
        ServerSettings settings = config.settings();
        assertEquals(Optional.of(new InboxSettings(Path.of("/srv/inbox"), Path.of("outbox").toAbsolutePath().normalize(),
                "dictionary", 1, Duration.ofSeconds(1))), settings.inbox());
        assertTrue(settings.toString().contains("inbox=/srv/inbox -> "), settings.toString());

        config.inboxPipeline = Optional.of(" teacher ");
        config.inboxThreads = 3;
        config.inboxSettleMillis = 0;
        InboxSettings inbox = config.settings().inbox().orElseThrow();
        assertEquals("teacher", inbox.pipeline());
        assertEquals(3, inbox.threads());
        assertEquals(Duration.ZERO, inbox.settleTime());
    }

    @Test
    void badInboxSettingsAreRefusedNamingTheProperty() {
        ServerConfig config = config();
        config.inboxDir = Optional.of("/srv/inbox");
        assertMessage(config, "cnlp.outbox.dir (CNLP_OUTBOX_DIR)");
        config.outboxDir = Optional.of("/srv/inbox/out");
        assertMessage(config, "must not be cnlp.inbox.dir");
        config.outboxDir = Optional.of("/srv/inbox");
        assertMessage(config, "must not be cnlp.inbox.dir");
        config.outboxDir = Optional.of("/srv/outbox");
        config.inboxPipeline = Optional.of("student");
        assertMessage(config, "cnlp.inbox.pipeline 'student' is not in cnlp.pipelines");
        config.inboxPipeline = Optional.empty();
        config.inboxThreads = 0;
        assertMessage(config, "cnlp.inbox.threads must be >= 1");
        config.inboxThreads = 1;
        config.inboxSettleMillis = -1;
        assertMessage(config, "cnlp.inbox.settle-ms");
    }

    private static void assertMessage(ServerConfig config, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::settings);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
