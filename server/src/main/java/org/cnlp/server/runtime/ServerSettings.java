package org.cnlp.server.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.cnlp.server.annotate.RequestLimits;
import org.cnlp.model.encoder.BatchingTokenRunner;
import org.cnlp.server.annotate.PipelineInfo;
import org.cnlp.pipeline.microbatch.BatchSettings;
import org.cnlp.server.inbox.InboxSettings;
import org.cnlp.server.security.SecurityMode;

/**
 * Everything the server is configured with, validated (read from MicroProfile Config by
 * {@link ServerConfig}; property names in the README).
 *
 * @param terminologyIndex   the terminology index folder
 * @param terminologyCorpora corpora-samples, to build the index from when it is missing
 * @param pipelines          names of the catalog pipelines to serve
 * @param pipelinesFile      a pipelines JSON file adding to or replacing the built-in catalog
 * @param defaultPipeline    the pipeline used when a request names none
 * @param models             model name (what requests send as {@code model}) to the served pipeline that runs it
 * @param modelsDir          the folder of model bundles that pipeline steps name ({@code ner-teacher} is
 *                           {@code <modelsDir>/ner-teacher}); without it, pipelines with a model step refuse to load
 * @param instances          CAS/engine replicas per pipeline
 * @param batch              micro-batching: {@code maxBatchSize} and {@code maxWait} shape the shared forward
 *                           passes of the model steps ({@link #sharedPasses()}), {@code queueCapacity} and
 *                           {@code workers} the request queue of each pipeline ({@link #requestQueue(String)})
 * @param sharedModelPasses  whether model steps merge their replicas' forwards into shared passes
 *                           ({@code cnlp.batch.max-size} 0 turns it off: each replica runs its own passes)
 * @param limits             request size limits
 * @param requestTimeout     longest wait for an annotation
 * @param securityMode       where API keys come from
 * @param devKeyFile         the development key file ({@link SecurityMode#DEV})
 * @param apiKeysFile        a file of accepted keys, one per line
 * @param apiKeys            accepted keys given directly (never printed)
 * @param inbox              the inbox/outbox folders the server annotates files from, when both are configured
 * @param vqaModel           the VQA bundle folder {@code POST /vqa} answers with (its question encoder's bundle is
 *                           looked up in {@code modelsDir}, or beside it); empty: {@code /vqa} answers 503
 */
public record ServerSettings(Path terminologyIndex, Optional<Path> terminologyCorpora, List<String> pipelines,
        Optional<Path> pipelinesFile, String defaultPipeline, Map<String, String> models, Optional<Path> modelsDir, int instances,
        BatchSettings batch, boolean sharedModelPasses, RequestLimits limits, Duration requestTimeout, SecurityMode securityMode,
        Path devKeyFile,
        Optional<Path> apiKeysFile, List<String> apiKeys, Optional<InboxSettings> inbox, Optional<Path> vqaModel) {

    public ServerSettings {
        Objects.requireNonNull(terminologyIndex, "terminologyIndex");
        Objects.requireNonNull(modelsDir, "modelsDir");
        pipelines = List.copyOf(pipelines);
        models = Map.copyOf(models);
        apiKeys = List.copyOf(apiKeys);
        if (pipelines.isEmpty()) {
            throw new IllegalArgumentException("cnlp.pipelines names no pipeline");
        }
        if (!pipelines.contains(defaultPipeline)) {
            throw new IllegalArgumentException("cnlp.pipeline.default '" + defaultPipeline + "' is not in cnlp.pipelines " + pipelines);
        }
        for (Map.Entry<String, String> model : models.entrySet()) {
            if (!pipelines.contains(model.getValue())) {
                throw new IllegalArgumentException("cnlp.models maps model '" + model.getKey() + "' to '" + model.getValue()
                        + "', which is not in cnlp.pipelines " + pipelines);
            }
        }
        if (batch.maxBatchSize() > MAX_SEQUENCES_PER_PASS) {
            throw new IllegalArgumentException("cnlp.batch.max-size must be at most " + MAX_SEQUENCES_PER_PASS + ", got "
                    + batch.maxBatchSize());
        }
        if (instances < 1) {
            throw new IllegalArgumentException("cnlp.pipeline.instances must be >= 1, got " + instances);
        }
        if (limits.maxBatchDocuments() > batch.queueCapacity()) {
            throw new IllegalArgumentException("cnlp.batch.max-documents (" + limits.maxBatchDocuments()
                    + ") must not exceed cnlp.batch.queue-capacity (" + batch.queueCapacity() + ")");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("cnlp.request.timeout-ms must be positive");
        }
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(vqaModel, "vqaModel");
        if (inbox.isPresent() && !pipelines.contains(inbox.get().pipeline())) {
            throw new IllegalArgumentException("cnlp.inbox.pipeline '" + inbox.get().pipeline() + "' is not in cnlp.pipelines "
                    + pipelines);
        }
    }

    /**
     * How a model step merges the forwards of the documents its replicas annotate at the same time:
     * passes of up to {@code batch.maxBatchSize()} sequences, one pass at a time (the engine uses
     * every core for it), the first sequence waiting up to {@code batch.maxWait()} for others; null
     * when shared passes are off.
     */
    public BatchSettings sharedPasses() {
        return sharedModelPasses ? BatchingTokenRunner.settings(batch.maxBatchSize(), batch.maxWait()) : null;
    }

    /**
     * A pipeline's request queue: up to {@code batch.queueCapacity()} documents wait (then 429),
     * one worker per replica. A replica of a {@link PipelineInfo#MODEL model} pipeline takes one
     * document at a time, as soon as it is free: the batching that pays for a model, merging
     * forward passes, happens inside its model step ({@link #sharedPasses()}), and a replica that
     * took several documents would answer all of them only after the last while the other replicas
     * idle. A rule pipeline's replica takes up to {@value #RULE_DOCUMENTS_PER_CALL} queued documents
     * at once, which saves hand-offs when a document costs a fraction of a millisecond.
     */
    public BatchSettings requestQueue(String kind) {
        int documents = PipelineInfo.MODEL.equals(kind) ? 1 : RULE_DOCUMENTS_PER_CALL;
        return new BatchSettings(documents, Duration.ZERO, batch.queueCapacity(), batch.workers());
    }

    /** The largest {@code cnlp.batch.max-size}: sequences per shared pass. */
    public static final int MAX_SEQUENCES_PER_PASS = 4096;

    /** Documents a replica of a rule pipeline takes from its queue at once. */
    public static final int RULE_DOCUMENTS_PER_CALL = 16;

    /** The model a pipeline runs, if a model name maps to it. */
    public Optional<String> modelOf(String pipeline) {
        return models.entrySet().stream().filter(e -> e.getValue().equals(pipeline)).map(Map.Entry::getKey).sorted().findFirst();
    }

    /** Keys are counted, never shown. */
    @Override
    public String toString() {
        return "ServerSettings[index=" + terminologyIndex + ", corpora=" + terminologyCorpora.map(Path::toString).orElse("-")
                + ", pipelines=" + pipelines + ", default=" + defaultPipeline + ", models=" + models
                + ", models dir=" + modelsDir.map(Path::toString).orElse("-") + ", instances=" + instances
                + ", batch=" + batch + ", shared model passes=" + sharedModelPasses + ", limits=" + limits
                + ", timeout=" + requestTimeout + ", security=" + securityMode
                + ", keys file=" + apiKeysFile.map(Path::toString).orElse("-") + ", keys given=" + apiKeys.size()
                + ", inbox=" + inbox.map(InboxSettings::toString).orElse("-")
                + ", vqa=" + vqaModel.map(Path::toString).orElse("-") + "]";
    }
}
