package org.cnlp.pipeline.batch;

import static org.cnlp.pipeline.batch.BatchFolders.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.cnlp.pipeline.run.PipelineRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out against a real broker: a single-node KRaft cluster started in this JVM from the Kafka
 * jars, two batch instances in one consumer group sharing a topic.
 */
class KafkaBatchIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaClusterTestKit cluster;
    private static Admin admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build())
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = cluster.admin();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    private static void produce(String topic, Map<String, byte[]> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            records.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
            producer.flush();
        }
    }

    /** Waits until the group has {@code members} members, each with a partition, and is stable. */
    private static void awaitGroup(String group, int members) throws Exception {
        waitFor(() -> {
            try {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return description.groupState() == GroupState.STABLE && description.members().size() == members
                        && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            } catch (Exception e) {
                return false;
            }
        }, "consumer group " + group + " with " + members + " members");
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, byte[]> documents(int good) {
        Map<String, byte[]> records = new HashMap<>();
        for (int i = 0; i < good; i++) {
            records.put(String.format("doc-%03d.txt", i), ("Document " + i + " reports pain.").getBytes(StandardCharsets.UTF_8));
        }
        records.put("empty.txt", new byte[0]);
        records.put("latin1.txt", "diab\u00e8te".getBytes(StandardCharsets.ISO_8859_1));
        records.put("pair.json", "[{\"id\": \"j-1\", \"text\": \"pain\"}, {\"id\": \"j-2\", \"text\": \"no pain\"}]".getBytes(StandardCharsets.UTF_8));
        return records;
    }

    @Test
    void twoInstancesInOneGroupProcessEveryDocumentOnceIntoAFolder() throws Exception {
        createTopic("notes", 4);
        Path out = dir.resolve("out");
        Path errors = dir.resolve("errors");
        KafkaBatchConfig config = KafkaBatchConfig.builder(cluster.bootstrapServers(), "notes", "cnlp-folder",
                new KafkaBatchConfig.ToFolder(out, errors)).consumers(2).maxPollRecords(20).build();
        try (PipelineRunner runnerA = PainAnnotator.runner(2, 1);
             PipelineRunner runnerB = PainAnnotator.runner(2, 1);
             KafkaBatch a = KafkaBatch.create(config, runnerA, RunInfo.of("pain"));
             KafkaBatch b = KafkaBatch.create(config, runnerB, RunInfo.of("pain"))) {
            a.start();
            b.start();
            awaitGroup("cnlp-folder", 4);
            produce("notes", documents(200));
            waitFor(() -> a.metrics().inputsFinished() + b.metrics().inputsFinished() >= 203, "203 records processed");
            a.stop();
            b.stop();

            Set<String> expected = new TreeSet<>();
            for (int i = 0; i < 200; i++) {
                expected.add(String.format("doc-%03d.json", i));
            }
            expected.addAll(List.of("j-1.json", "j-2.json"));
            assertEquals(expected, files(out, true));
            assertEquals(Set.of("empty.txt", "empty.txt.error.json", "latin1.txt", "latin1.txt.error.json"), files(errors, true));
            JsonNode report = JSON.readTree(errors.resolve("latin1.txt.error.json").toFile());
            assertEquals("NOT_UTF8", report.path("reason").asText());
            assertEquals("notes", report.path("topic").asText());

            assertEquals(201, a.metrics().inputsDone() + b.metrics().inputsDone(), "each record processed exactly once");
            assertEquals(2, a.metrics().inputsFailed() + b.metrics().inputsFailed());
            assertEquals(202, a.metrics().documents() + b.metrics().documents());
            assertTrue(a.metrics().inputsDone() > 0 && b.metrics().inputsDone() > 0, "both instances shared the work");
        }
    }

    @Test
    void resultsAndErrorsGoToTopicsOncePerDocument() throws Exception {
        createTopic("inbox", 2);
        createTopic("results", 2);
        createTopic("errors", 1);
        KafkaBatchConfig config = KafkaBatchConfig.builder(cluster.bootstrapServers(), "inbox", "cnlp-topics",
                new KafkaBatchConfig.ToTopics("results", "errors")).consumers(1).build();
        try (PipelineRunner runnerA = PainAnnotator.runner(1, 0);
             PipelineRunner runnerB = PainAnnotator.runner(1, 0);
             KafkaBatch a = KafkaBatch.create(config, runnerA, RunInfo.of("pain"));
             KafkaBatch b = KafkaBatch.create(config, runnerB, RunInfo.of("pain"))) {
            a.start();
            b.start();
            awaitGroup("cnlp-topics", 2);
            produce("inbox", documents(50));
            waitFor(() -> a.metrics().inputsFinished() + b.metrics().inputsFinished() >= 53, "53 records processed");
        }
        List<ConsumerRecord<String, byte[]>> results = readAll("results", 52);
        List<ConsumerRecord<String, byte[]>> errorRecords = readAll("errors", 2);
        List<String> keys = new ArrayList<>(results.stream().map(ConsumerRecord::key).toList());
        assertEquals(52, keys.size());
        assertEquals(52, new HashSet<>(keys).size(), "one result per document: " + keys);
        assertTrue(keys.contains("doc-007") && keys.contains("j-2"), keys.toString());
        ConsumerRecord<String, byte[]> first = results.getFirst();
        assertEquals("json", new String(first.headers().lastHeader(KafkaBatch.FORMAT_HEADER).value(), StandardCharsets.UTF_8));
        assertEquals(first.key(), JSON.readTree(first.value()).path("document").path("id").asText());
        assertEquals(Set.of("empty.txt", "latin1.txt"), Set.copyOf(errorRecords.stream().map(ConsumerRecord::key).toList()));
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) throws InterruptedException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long quiet = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < quiet) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
