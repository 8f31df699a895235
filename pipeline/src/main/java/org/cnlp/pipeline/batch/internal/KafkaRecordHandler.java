package org.cnlp.pipeline.batch.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.DefaultMessage;
import org.cnlp.pipeline.batch.BatchFormat;
import org.cnlp.pipeline.batch.KafkaBatch;
import org.cnlp.pipeline.batch.KafkaBatchConfig;
import org.cnlp.pipeline.batch.RunInfo;
import org.cnlp.pipeline.input.DocumentSources;

/**
 * The two steps of the Kafka route around delivery. {@link #annotate(Exchange)} turns a record
 * into outputs: written to the folder sink at once, or left in the body as messages for the
 * producer. {@link #finish(Exchange)} runs once they are delivered: it counts the input and,
 * after the last record of a partition in a poll, commits the offsets. A record is therefore
 * committed only after its results are out; a crash redoes at most one poll's records, whose
 * outputs carry the same names and keys. Called on the Kafka consumer's thread; thread-safe.
 */
public final class KafkaRecordHandler {

    private static final String OUTCOME = "cnlp.outcome";

    private final DocumentProcessor processor;
    private final DocumentSources sources;
    private final KafkaBatchConfig.Sink sink;
    private final BatchCounters counters;
    private final RunInfo run;
    private final String runId;
    private final CamelContext camel;

    public KafkaRecordHandler(DocumentProcessor processor, DocumentSources sources, KafkaBatchConfig.Sink sink,
                              BatchCounters counters, RunInfo run, String runId, CamelContext camel) {
        this.processor = processor;
        this.sources = sources;
        this.sink = sink;
        this.counters = counters;
        this.run = run;
        this.runId = runId;
        this.camel = camel;
    }

    public void annotate(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        Map<String, String> origin = origin(in);
        String name = inputName(in, origin);
        byte[] bytes = in.getBody(byte[].class);
        byte[] content = bytes == null ? new byte[0] : bytes;
        counters.inputStarted();
        DocumentProcessor.Outcome outcome = processor.process(name, () -> sources.read(name, content));
        exchange.setProperty(OUTCOME, outcome);
        List<Message> messages = new ArrayList<>();
        switch (sink) {
            case KafkaBatchConfig.ToFolder folder -> writeToFolder(folder, name, content, outcome, origin);
            case KafkaBatchConfig.ToTopics topics -> messages.addAll(toMessages(topics, name, outcome, origin));
        }
        in.setBody(messages);
    }

    public void finish(Exchange exchange) {
        switch (exchange.getProperty(OUTCOME, DocumentProcessor.Outcome.class)) {
            case DocumentProcessor.Annotated annotated -> counters.inputDone(annotated.documents().size(),
                    annotated.documents().stream().mapToInt(d -> d.outputs().size()).sum());
            case DocumentProcessor.Failed failed -> counters.inputFailed(failed.failure());
        }
        Message in = exchange.getIn();
        if (Boolean.TRUE.equals(in.getHeader(KafkaConstants.LAST_RECORD_BEFORE_COMMIT, Boolean.class))) {
            KafkaManualCommit commit = in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit != null) {
                commit.commit();
            }
        }
    }

    private void writeToFolder(KafkaBatchConfig.ToFolder folder, String name, byte[] content,
                               DocumentProcessor.Outcome outcome, Map<String, String> origin) throws IOException {
        switch (outcome) {
            case DocumentProcessor.Annotated annotated -> {
                for (DocumentProcessor.Rendered document : annotated.documents()) {
                    for (Map.Entry<BatchFormat, byte[]> output : document.outputs().entrySet()) {
                        Path target = folder.outbox().resolve(FolderWorker.safeName(document.id()) + output.getKey().extension());
                        AtomicWrites.write(target, output.getValue(), false);
                    }
                }
            }
            case DocumentProcessor.Failed failed -> {
                Path original = folder.errors().resolve(FolderWorker.safeName(name));
                AtomicWrites.write(original.resolveSibling(original.getFileName() + FolderLayout.REPORT_SUFFIX),
                        ErrorReports.render(failed.failure(), run, runId, origin), false);
                AtomicWrites.write(original, content, false);
            }
        }
    }

    private List<Message> toMessages(KafkaBatchConfig.ToTopics topics, String name, DocumentProcessor.Outcome outcome,
                                     Map<String, String> origin) throws IOException {
        List<Message> messages = new ArrayList<>();
        switch (outcome) {
            case DocumentProcessor.Annotated annotated -> {
                for (DocumentProcessor.Rendered document : annotated.documents()) {
                    for (Map.Entry<BatchFormat, byte[]> output : document.outputs().entrySet()) {
                        Message message = new DefaultMessage(camel);
                        message.setHeader(KafkaConstants.KEY, document.id());
                        message.setHeader(KafkaBatch.FORMAT_HEADER, output.getKey().label());
                        message.setHeader(KafkaBatch.SOURCE_HEADER, name);
                        message.setBody(output.getValue());
                        messages.add(message);
                    }
                }
            }
            case DocumentProcessor.Failed failed -> {
                Message message = new DefaultMessage(camel);
                message.setHeader(KafkaConstants.OVERRIDE_TOPIC, topics.errors());
                message.setHeader(KafkaConstants.KEY, name);
                message.setHeader(KafkaBatch.SOURCE_HEADER, name);
                message.setBody(ErrorReports.render(failed.failure(), run, runId, origin));
                messages.add(message);
            }
        }
        return messages;
    }

    private static Map<String, String> origin(Message in) {
        Map<String, String> origin = new LinkedHashMap<>();
        origin.put("topic", String.valueOf(in.getHeader(KafkaConstants.TOPIC)));
        origin.put("partition", String.valueOf(in.getHeader(KafkaConstants.PARTITION)));
        origin.put("offset", String.valueOf(in.getHeader(KafkaConstants.OFFSET)));
        return origin;
    }

    /** The name header, else the record key, else topic-partition-offset. */
    private static String inputName(Message in, Map<String, String> origin) {
        String name = in.getHeader(KafkaBatch.NAME_HEADER, String.class);
        if (name == null || name.isBlank()) {
            name = in.getHeader(KafkaConstants.KEY, String.class);
        }
        if (name == null || name.isBlank()) {
            name = origin.get("topic") + "-" + origin.get("partition") + "-" + origin.get("offset");
        }
        return name;
    }
}
