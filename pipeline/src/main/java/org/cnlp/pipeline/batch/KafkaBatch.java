package org.cnlp.pipeline.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cnlp.pipeline.batch.internal.BatchCounters;
import org.cnlp.pipeline.batch.internal.DocumentProcessor;
import org.cnlp.pipeline.batch.internal.KafkaRecordHandler;
import org.cnlp.pipeline.batch.internal.Renderer;
import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.run.PipelineRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch route fed by a Kafka topic instead of a folder: many instances with the same group id
 * share the topic's partitions, each record goes through the same read, annotate and render steps
 * as a file of a {@link FolderBatch}, and results go to a folder or to topics
 * ({@link KafkaBatchConfig.Sink}). A bad record produces an error report and the consumer moves on.
 *
 * <p>Offsets are committed by hand, after a record's results are delivered, so a crash or a
 * rebalance makes an instance redo at most the uncommitted records of one poll. Outputs are named
 * (folder) or keyed (topic) by document id, so a redone record replaces its output in a folder and
 * repeats its key on a topic (a compacted topic or a reader keyed by id keeps one). The caller owns
 * the {@link PipelineRunner}. Thread-safe; runs until {@link #stop()}.
 */
public final class KafkaBatch implements BatchService {

    /** Optional record header with the input's file name (its extension chooses the input format). */
    public static final String NAME_HEADER = "cnlp.name";
    /** Header of a result record: {@code json} or {@code xmi}. */
    public static final String FORMAT_HEADER = "cnlp.format";
    /** Header of result and error records: the input's name. */
    public static final String SOURCE_HEADER = "cnlp.source";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBatch.class);
    private static final String ROUTE_ID = "cnlp-kafka-batch";

    private final KafkaBatchConfig config;
    private final RunInfo run;
    private final String runId = UUID.randomUUID().toString();
    private final BatchCounters counters = new BatchCounters();
    private final CamelContext camel = new DefaultCamelContext();
    private final KafkaRecordHandler handler;
    private final CountDownLatch stoppedLatch = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean stopped;

    private KafkaBatch(KafkaBatchConfig config, PipelineRunner runner, RunInfo run) {
        this.config = config;
        this.run = run;
        DocumentProcessor processor = new DocumentProcessor(runner,
                new Renderer(config.formats(), config.include(), config.prettyJson()), counters);
        this.handler = new KafkaRecordHandler(processor, new DocumentSources(new TextValidator(config.maxBytes())), config.sink(),
                counters, run, runId, camel);
    }

    /** Prepares a batch (creates the sink folders); nothing is consumed before {@link #start()}. */
    public static KafkaBatch create(KafkaBatchConfig config, PipelineRunner runner, RunInfo run) throws IOException {
        if (config.sink() instanceof KafkaBatchConfig.ToFolder(var outbox, var errors)) {
            Files.createDirectories(outbox);
            Files.createDirectories(errors);
        }
        return new KafkaBatch(config, runner, run);
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (started || stopped) {
                throw new IllegalStateException("a Kafka batch starts once");
            }
            started = true;
            camel.getCamelContextExtension().setName("cnlp-kafka-" + runId);
            camel.setStartupSummaryLevel(StartupSummaryLevel.Off);
            camel.getShutdownStrategy().setTimeout(Math.max(1, config.shutdownTimeout().toSeconds()));
            KafkaComponent kafka = new KafkaComponent();
            kafka.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
            camel.addComponent("kafka", kafka);
            try {
                camel.addRoutes(routes());
                camel.start();
            } catch (Exception e) {
                stop();
                throw new IllegalStateException("the Kafka batch route did not start: " + e.getMessage(), e);
            }
            LOG.info("Kafka batch {} started: topic {} as group {} with {} consumers, pipeline '{}'", runId, config.inputTopic(),
                    config.groupId(), config.consumers(), run.pipeline());
        }
    }

    private RouteBuilder routes() {
        String consumer = "kafka:" + config.inputTopic()
                + "?brokers=" + config.bootstrapServers()
                + "&groupId=" + config.groupId()
                + "&consumersCount=" + config.consumers()
                + "&autoOffsetReset=earliest"
                + "&autoCommitEnable=false"
                + "&allowManualCommit=true"
                + "&breakOnFirstError=true"
                + "&maxPollRecords=" + config.maxPollRecords()
                + "&pollTimeoutMs=500"
                + "&keyDeserializer=" + StringDeserializer.class.getName()
                + "&valueDeserializer=" + ByteArrayDeserializer.class.getName();
        return new RouteBuilder(camel) {
            @Override
            public void configure() {
                RouteDefinition route = from(consumer).routeId(ROUTE_ID).process(handler::annotate);
                if (config.sink() instanceof KafkaBatchConfig.ToTopics topics) {
                    route.split(body()).stopOnException()
                            .to("kafka:" + topics.results() + "?brokers=" + config.bootstrapServers() + "&lingerMs=0"
                                    + "&keySerializer=" + StringSerializer.class.getName()
                                    + "&valueSerializer=" + ByteArraySerializer.class.getName())
                            .end();
                }
                route.process(handler::finish);
            }
        };
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return stoppedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                camel.stop();
            } finally {
                stoppedLatch.countDown();
            }
            BatchMetrics metrics = metrics();
            LOG.info("Kafka batch {} stopped: {} records done, {} failed, {} documents", runId, metrics.inputsDone(),
                    metrics.inputsFailed(), metrics.documents());
        }
    }

    @Override
    public BatchMetrics metrics() {
        return counters.metrics(camel.isStarted() ? camel.getInflightRepository().size(ROUTE_ID) : 0);
    }

    @Override
    public BatchSummary summary() {
        return counters.summary(runId, run, config.consumers(), config.formats());
    }
}
