package org.cnlp.server.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.cnlp.server.annotate.RequestLimits;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.pipeline.run.PipelineRunner;
import org.cnlp.server.inbox.InboxSettings;
import org.cnlp.server.security.SecurityMode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's configuration from MicroProfile Config: system properties, environment variables
 * ({@code cnlp.batch.max-size} is also read as {@code CNLP_BATCH_MAX_SIZE}), server.xml variables
 * and {@code META-INF/microprofile-config.properties}. Relative paths are resolved against the
 * server's output folder (Liberty's working directory).
 */
@ApplicationScoped
public class ServerConfig {

    @Inject
    @ConfigProperty(name = "cnlp.terminology.index")
    Optional<String> terminologyIndex;

    @Inject
    @ConfigProperty(name = "cnlp.terminology.corpora")
    Optional<String> terminologyCorpora;

    @Inject
    @ConfigProperty(name = "cnlp.pipelines", defaultValue = "dictionary")
    List<String> pipelines;

    @Inject
    @ConfigProperty(name = "cnlp.pipelines.file")
    Optional<String> pipelinesFile;

    @Inject
    @ConfigProperty(name = "cnlp.pipeline.default")
    Optional<String> defaultPipeline;

    @Inject
    @ConfigProperty(name = "cnlp.models")
    Optional<List<String>> models;

    @Inject
    @ConfigProperty(name = "cnlp.models.dir")
    Optional<String> modelsDir;

    @Inject
    @ConfigProperty(name = "cnlp.pipeline.instances")
    Optional<Integer> instances;

    @Inject
    @ConfigProperty(name = "cnlp.batch.max-size", defaultValue = "32")
    int batchMaxSize;

    @Inject
    @ConfigProperty(name = "cnlp.batch.max-wait-ms", defaultValue = "0")
    long batchMaxWaitMillis;

    @Inject
    @ConfigProperty(name = "cnlp.batch.queue-capacity", defaultValue = "256")
    int queueCapacity;

    @Inject
    @ConfigProperty(name = "cnlp.batch.max-documents", defaultValue = "64")
    int maxBatchDocuments;

    @Inject
    @ConfigProperty(name = "cnlp.request.max-bytes", defaultValue = "10485760")
    long maxBodyBytes;

    @Inject
    @ConfigProperty(name = "cnlp.request.timeout-ms", defaultValue = "30000")
    long timeoutMillis;

    @Inject
    @ConfigProperty(name = "cnlp.security.mode", defaultValue = "prod")
    String securityMode;

    @Inject
    @ConfigProperty(name = "cnlp.security.dev-key-file", defaultValue = "cnlp-dev-api-key")
    String devKeyFile;

    @Inject
    @ConfigProperty(name = "cnlp.security.api-keys-file")
    Optional<String> apiKeysFile;

    @Inject
    @ConfigProperty(name = "cnlp.security.api-keys")
    Optional<List<String>> apiKeys;

    @Inject
    @ConfigProperty(name = "cnlp.inbox.dir")
    Optional<String> inboxDir;

    @Inject
    @ConfigProperty(name = "cnlp.outbox.dir")
    Optional<String> outboxDir;

    @Inject
    @ConfigProperty(name = "cnlp.inbox.pipeline")
    Optional<String> inboxPipeline;

    @Inject
    @ConfigProperty(name = "cnlp.inbox.threads", defaultValue = "1")
    int inboxThreads;

    @Inject
    @ConfigProperty(name = "cnlp.inbox.settle-ms", defaultValue = "1000")
    long inboxSettleMillis;

    @Inject
    @ConfigProperty(name = "cnlp.vqa.model")
    Optional<String> vqaModel;

    /** The value of {@code cnlp.vqa.model} that turns VQA off even when {@code <cnlp.models.dir>/vqa} exists. */
    static final String VQA_OFF = "none";
    /** The VQA bundle's folder name under {@code cnlp.models.dir}, used when {@code cnlp.vqa.model} is not set. */
    static final String VQA_DEFAULT_BUNDLE = "vqa";

    /** @throws IllegalArgumentException naming the property that is missing or wrong */
    public ServerSettings settings() {
        if (batchMaxSize < 0) {
            throw new IllegalArgumentException("cnlp.batch.max-size must be 0 (no shared model passes) or more, got " + batchMaxSize);
        }
        int replicas = instances.orElse(PipelineRunner.defaultInstances());
        String index = terminologyIndex.orElseThrow(() -> new IllegalArgumentException(
                "cnlp.terminology.index (CNLP_TERMINOLOGY_INDEX) is not set: point it at a terminology index folder"));
        String defaultName = defaultPipeline.orElse(pipelines.getFirst());
        Optional<Path> modelsFolder = modelsDir.filter(dir -> !dir.isBlank()).map(ServerConfig::path);
        return new ServerSettings(path(index), terminologyCorpora.map(ServerConfig::path), pipelines,
                pipelinesFile.map(ServerConfig::path), defaultName, models(), modelsFolder, replicas,
                new BatchSettings(Math.max(1, batchMaxSize), Duration.ofMillis(batchMaxWaitMillis), queueCapacity, replicas),
                batchMaxSize != 0,
                new RequestLimits(maxBodyBytes, maxBatchDocuments, RequestLimits.DEFAULT.maxIdLength()),
                Duration.ofMillis(timeoutMillis), mode(), path(devKeyFile), apiKeysFile.map(ServerConfig::path),
                apiKeys.orElse(List.of()), inbox(defaultName), vqa(vqaModel, modelsFolder));
    }

    /**
     * The VQA bundle folder: {@code cnlp.vqa.model} when set ({@value #VQA_OFF} or blank: none), otherwise
     * {@code <cnlp.models.dir>/vqa} when it holds a {@code bundle.json}, otherwise none.
     */
    static Optional<Path> vqa(Optional<String> property, Optional<Path> modelsFolder) {
        if (property.isPresent()) {
            String value = property.get().strip();
            return value.isEmpty() || value.equalsIgnoreCase(VQA_OFF) ? Optional.empty() : Optional.of(path(value));
        }
        return modelsFolder.map(dir -> dir.resolve(VQA_DEFAULT_BUNDLE))
                .filter(dir -> Files.isRegularFile(dir.resolve("bundle.json")));
    }

    /**
     * The inbox when {@code cnlp.inbox.dir} is set (blank means unset, which turns it off);
     * {@code cnlp.outbox.dir} is then required.
     */
    private Optional<InboxSettings> inbox(String defaultName) {
        Optional<String> in = inboxDir.filter(dir -> !dir.isBlank());
        if (in.isEmpty()) {
            return Optional.empty();
        }
        String out = outboxDir.filter(dir -> !dir.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "cnlp.inbox.dir (CNLP_INBOX_DIR) is set but cnlp.outbox.dir (CNLP_OUTBOX_DIR) is not: set the folder the"
                        + " annotations go to, or unset cnlp.inbox.dir"));
        if (inboxSettleMillis < 0) {
            throw new IllegalArgumentException("cnlp.inbox.settle-ms must not be negative, got " + inboxSettleMillis);
        }
        String pipeline = inboxPipeline.filter(name -> !name.isBlank()).map(String::strip).orElse(defaultName);
        return Optional.of(new InboxSettings(path(in.get()), path(out), pipeline, inboxThreads,
                Duration.ofMillis(inboxSettleMillis)));
    }

    private SecurityMode mode() {
        try {
            return SecurityMode.valueOf(securityMode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cnlp.security.mode must be dev or prod, got '" + securityMode + "'", e);
        }
    }

    private Map<String, String> models() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String entry : models.orElse(List.of())) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("cnlp.models entries are model=pipeline, got '" + entry + "'");
            }
            result.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return result;
    }

    private static Path path(String value) {
        return Path.of(value.strip()).toAbsolutePath().normalize();
    }
}
