package org.cnlp.pipeline.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.io.json.CasJsonWriter;

/**
 * How a {@link KafkaBatch} consumes and where it delivers. Build with
 * {@link #builder(String, String, String, Sink)}.
 *
 * @param bootstrapServers Kafka brokers, {@code host:port[,host:port...]}
 * @param inputTopic       topic of input documents (record value: the bytes of a text, input-JSON or
 *                         PubTator file; record key or header {@value KafkaBatch#NAME_HEADER}: its file name)
 * @param groupId          consumer group shared by all instances that divide the work
 * @param consumers        consumers (threads) in this instance; the topic needs at least as many
 *                         partitions as there are consumers in the whole group
 * @param sink             where results and failures go
 * @param formats          output formats per document
 * @param include          optional parts of the JSON output
 * @param prettyJson       indent the JSON output
 * @param maxBytes         largest input accepted
 * @param maxPollRecords   records fetched per poll (and at most redone after a crash)
 * @param shutdownTimeout  how long {@link KafkaBatch#stop()} waits for records in flight
 */
public record KafkaBatchConfig(String bootstrapServers, String inputTopic, String groupId, int consumers, Sink sink,
                               Set<BatchFormat> formats, Set<CasJsonWriter.Include> include, boolean prettyJson,
                               long maxBytes, int maxPollRecords, Duration shutdownTimeout) {

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern SERVERS = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+(,[A-Za-z0-9.\\-\\[\\]:]+)*");

    /** Where a Kafka batch delivers. */
    public sealed interface Sink permits ToFolder, ToTopics {
    }

    /**
     * Outputs written atomically to a folder (a document id names its files, so a record processed
     * twice leaves one output); failed inputs with their error report to another folder.
     */
    public record ToFolder(Path outbox, Path errors) implements Sink {
    }

    /**
     * One result record per document and format on {@code results} (key: document id, headers
     * {@value KafkaBatch#FORMAT_HEADER} and {@value KafkaBatch#SOURCE_HEADER}); one error report per failed input on
     * {@code errors} (key: the input's name).
     */
    public record ToTopics(String results, String errors) implements Sink {
        public ToTopics {
            requireTopic(results);
            requireTopic(errors);
        }
    }

    public KafkaBatchConfig {
        if (!SERVERS.matcher(bootstrapServers).matches()) {
            throw new IllegalArgumentException("bootstrap servers must be host:port[,host:port...], got '" + bootstrapServers + "'");
        }
        requireTopic(inputTopic);
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("a consumer group id is needed");
        }
        if (consumers < 1 || maxPollRecords < 1 || maxBytes <= 0) {
            throw new IllegalArgumentException("consumers, maxPollRecords and maxBytes must be positive");
        }
        formats = Set.copyOf(formats);
        include = Set.copyOf(include);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one output format is needed");
        }
    }

    private static void requireTopic(String topic) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("invalid Kafka topic name '" + topic + "'");
        }
    }

    public static Builder builder(String bootstrapServers, String inputTopic, String groupId, Sink sink) {
        return new Builder(bootstrapServers, inputTopic, groupId, sink);
    }

    /** Builder with the defaults: 1 consumer, JSON (compact), 10 MiB, 50 records per poll, 30 s. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String inputTopic;
        private final String groupId;
        private final Sink sink;
        private int consumers = 1;
        private Set<BatchFormat> formats = EnumSet.of(BatchFormat.JSON);
        private Set<CasJsonWriter.Include> include = Set.of();
        private boolean prettyJson;
        private long maxBytes = TextValidator.DEFAULT_MAX_BYTES;
        private int maxPollRecords = 50;
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private Builder(String bootstrapServers, String inputTopic, String groupId, Sink sink) {
            this.bootstrapServers = bootstrapServers;
            this.inputTopic = inputTopic;
            this.groupId = groupId;
            this.sink = sink;
        }

        public Builder consumers(int value) {
            consumers = value;
            return this;
        }

        public Builder formats(Set<BatchFormat> value) {
            formats = value;
            return this;
        }

        public Builder include(Set<CasJsonWriter.Include> value) {
            include = value;
            return this;
        }

        public Builder prettyJson(boolean value) {
            prettyJson = value;
            return this;
        }

        public Builder maxBytes(long value) {
            maxBytes = value;
            return this;
        }

        public Builder maxPollRecords(int value) {
            maxPollRecords = value;
            return this;
        }

        public Builder shutdownTimeout(Duration value) {
            shutdownTimeout = value;
            return this;
        }

        public KafkaBatchConfig build() {
            return new KafkaBatchConfig(bootstrapServers, inputTopic, groupId, consumers, sink, formats, include, prettyJson,
                    maxBytes, maxPollRecords, shutdownTimeout);
        }
    }
}
