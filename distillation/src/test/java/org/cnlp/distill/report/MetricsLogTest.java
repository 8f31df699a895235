package org.cnlp.distill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @TempDir
    Path dir;

    private static EpochMetrics epoch(int epoch, double loss, Map<String, Double> f1, double micro) {
        return new EpochMetrics(epoch, epoch * 100L, loss, 2e-5, 12.5 * epoch, f1, micro);
    }

    private static Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("teacher", "bert-base-cased");
        info.put("temperature", 2.0);
        info.put("layers", List.of(4, 8));
        return info;
    }

    private List<String> csvLines() throws IOException {
        return Files.readAllLines(dir.resolve(MetricsLog.CSV_FILE));
    }

    @Test
    void createWritesBothFilesWithNoEpochs() throws IOException {
        MetricsLog log = MetricsLog.create(dir.resolve("run"), "teacher-ncbi", info());
        assertEquals(List.of("epoch,steps,train_loss,learning_rate,seconds,dev_micro_f1"),
                Files.readAllLines(log.csvFile()));
        JsonNode json = new ObjectMapper().readTree(log.jsonFile().toFile());
        assertEquals("teacher-ncbi", json.get("run").asText());
        assertEquals(0, json.get("epochs").size());
        assertEquals(2.0, json.get("info").get("temperature").asDouble());
    }

    @Test
    void csvHasSortedTypeColumnsAndOneRowPerEpoch() throws IOException {
        MetricsLog log = MetricsLog.create(dir, "student", Map.of());
        log.append(epoch(1, Double.NaN, Map.of("Disease", 0.5), 0.5));
        log.append(new EpochMetrics(2, 200, 0.123456789, 1.5e-5, 3600.25,
                Map.of("Disease", 0.61234567, "Chemical", 0.7), 2.0 / 3));
        assertEquals(List.of(
                "epoch,steps,train_loss,learning_rate,seconds,dev_micro_f1,dev_f1_Chemical,dev_f1_Disease",
                "1,100,,0.00002,12.5,0.5,,0.5",
                "2,200,0.123457,0.000015,3600.25,0.666667,0.7,0.612346"), csvLines());
    }

    @Test
    void csvQuotesTypeNamesThatNeedIt() throws IOException {
        MetricsLog log = MetricsLog.create(dir, "odd", Map.of());
        log.append(epoch(0, 1.0, Map.of("Gene, protein", 0.25), 0.25));
        assertEquals("epoch,steps,train_loss,learning_rate,seconds,dev_micro_f1,\"dev_f1_Gene, protein\"",
                csvLines().getFirst());
        assertEquals("0,0,1,0.00002,0,0.25,0.25", csvLines().get(1));
    }

    @Test
    void jsonRoundTripsThroughResume() throws IOException {
        MetricsLog log = MetricsLog.create(dir, "teacher-bc5cdr", info());
        EpochMetrics first = epoch(1, Double.NaN, Map.of("Chemical", 0.8, "Disease", Double.NaN), 0.75);
        EpochMetrics second = epoch(2, 0.25, Map.of("Chemical", 0.85, "Disease", 0.7), 0.8);
        log.append(first);
        log.append(second);

        String text = Files.readString(log.jsonFile());
        assertTrue(text.contains("\n  \"run\" : \"teacher-bc5cdr\""), text);
        JsonNode json = new ObjectMapper().readTree(text);
        assertTrue(json.get("epochs").get(0).get("train_loss").isNull(), text);
        assertEquals(0.85, json.get("epochs").get(1).get("dev_f1").get("Chemical").asDouble());

        MetricsLog resumed = MetricsLog.resume(dir);
        assertEquals("teacher-bc5cdr", resumed.runName());
        assertEquals(info(), resumed.runInfo());
        assertEquals(List.of(first, second), resumed.epochs());
        assertTrue(Double.isNaN(resumed.epochs().getFirst().trainLoss()));
    }

    @Test
    void appendingAfterResumeKeepsEarlierEpochs() throws IOException {
        MetricsLog log = MetricsLog.create(dir, "student", info());
        log.append(epoch(1, 0.9, Map.of("Disease", 0.4), 0.4));
        log.append(epoch(2, 0.6, Map.of("Disease", 0.5), 0.5));

        MetricsLog resumed = MetricsLog.resume(dir);
        EpochMetrics third = epoch(3, 0.4, Map.of("Disease", 0.6, "Chemical", 0.55), 0.58);
        resumed.append(third);

        assertEquals(3, resumed.epochs().size());
        assertEquals(resumed.epochs(), MetricsLog.resume(dir).epochs());
        assertEquals(third, MetricsLog.resume(dir).epochs().getLast());
        assertEquals(info(), MetricsLog.resume(dir).runInfo());
        List<String> lines = csvLines();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).endsWith(",dev_f1_Chemical,dev_f1_Disease"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,100,0.9,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("3,300,0.4,"), lines.get(3));
    }

    @Test
    void appendRejectsAnEpochThatDoesNotFollowTheLast() throws IOException {
        MetricsLog log = MetricsLog.create(dir, "student", Map.of());
        log.append(epoch(2, 0.9, Map.of(), 0.4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> log.append(epoch(2, 0.8, Map.of(), 0.5)));
        assertTrue(e.getMessage().contains("epoch 2 cannot follow epoch 2"), e.getMessage());
        assertEquals(1, log.epochs().size());
        assertEquals(2, csvLines().size());
    }

    @Test
    void truncateAfterLetsAResumedRunRepeatEpochs() throws IOException {
        MetricsLog log = MetricsLog.create(dir, "student", Map.of());
        log.append(epoch(1, 0.9, Map.of("Disease", 0.4), 0.4));
        log.append(epoch(2, 0.8, Map.of("Disease", 0.5), 0.5));
        log.append(epoch(3, 0.7, Map.of("Disease", 0.6, "Chemical", 0.3), 0.5));

        MetricsLog resumed = MetricsLog.resume(dir);
        resumed.truncateAfter(1);
        assertEquals(1, MetricsLog.resume(dir).epochs().size());
        assertEquals(List.of("epoch,steps,train_loss,learning_rate,seconds,dev_micro_f1,dev_f1_Disease",
                "1,100,0.9,0.00002,12.5,0.4,0.4"), csvLines());
        EpochMetrics again = epoch(2, 0.75, Map.of("Disease", 0.55), 0.55);
        resumed.append(again);
        assertEquals(List.of(log.epochs().getFirst(), again), MetricsLog.resume(dir).epochs());
        resumed.truncateAfter(5);
        assertEquals(2, resumed.epochs().size());
    }

    @Test
    void leavesNoTemporaryFiles() throws IOException {
        MetricsLog log = MetricsLog.create(dir, "student", Map.of());
        log.append(epoch(1, 0.9, Map.of("Disease", 0.4), 0.4));
        log.append(epoch(2, 0.8, Map.of("Disease", 0.5), 0.5));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(MetricsLog.CSV_FILE, MetricsLog.JSON_FILE),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void resumeExplainsAMissingLog() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MetricsLog.resume(dir));
        assertTrue(e.getMessage().contains(MetricsLog.JSON_FILE), e.getMessage());
        assertTrue(e.getMessage().contains("no metrics log to resume"), e.getMessage());
    }

    @Test
    void resumeExplainsMalformedJson() throws IOException {
        Path file = dir.resolve(MetricsLog.JSON_FILE);
        Files.writeString(file, "{\"run\": \"x\", \"epochs\": [");
        IOException e = assertThrows(IOException.class, () -> MetricsLog.resume(dir));
        assertTrue(e.getMessage().startsWith("malformed metrics log " + file + ": not valid JSON"), e.getMessage());

        Files.writeString(file, "[]");
        e = assertThrows(IOException.class, () -> MetricsLog.resume(dir));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());

        Files.writeString(file, "");
        e = assertThrows(IOException.class, () -> MetricsLog.resume(dir));
        assertTrue(e.getMessage().contains("malformed metrics log"), e.getMessage());
    }

    @Test
    void resumeNamesTheBadEpochField() throws IOException {
        MetricsLog log = MetricsLog.create(dir, "student", Map.of());
        log.append(epoch(1, 0.9, Map.of("Disease", 0.4), 0.4));
        Path file = log.jsonFile();
        Files.writeString(file, Files.readString(file).replace("\"steps\" : 100", "\"steps\" : \"many\""));
        IOException e = assertThrows(IOException.class, () -> MetricsLog.resume(dir));
        assertTrue(e.getMessage().contains("epochs[0]: field 'steps' must be an integer"), e.getMessage());

        Files.writeString(file, "{\"run\": \"x\", \"info\": {}, \"epochs\": [{\"epoch\": 1}]}");
        e = assertThrows(IOException.class, () -> MetricsLog.resume(dir));
        assertTrue(e.getMessage().contains("epochs[0]: missing field 'steps'"), e.getMessage());

        Files.writeString(file, "{\"info\": {}, \"epochs\": []}");
        e = assertThrows(IOException.class, () -> MetricsLog.resume(dir));
        assertTrue(e.getMessage().contains("field 'run'"), e.getMessage());
    }

    @Test
    void createValidatesItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> MetricsLog.create(dir, " ", Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricsLog.create(dir, "run", Map.of("thread", new Object())));
        assertTrue(e.getMessage().startsWith("runInfo cannot be written as JSON"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(MetricsLog.JSON_FILE)));
    }

    @Test
    void epochMetricsCopiesAndChecksItsValues() {
        Map<String, Double> f1 = new LinkedHashMap<>();
        f1.put("Disease", 0.5);
        f1.put("Chemical", 0.6);
        EpochMetrics m = new EpochMetrics(1, 10, Double.NaN, 1e-4, 3, f1, 0.55);
        f1.put("Gene", 0.1);
        assertEquals(List.of("Chemical", "Disease"), List.copyOf(m.devF1().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> m.devF1().put("Gene", 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EpochMetrics(1, 10, 0.5, 1e-4, 3, Map.of("Disease", 85.0), 0.85));
        assertTrue(e.getMessage().contains("devF1 of 'Disease' must be in [0, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EpochMetrics(-1, 10, 0.5, 1e-4, 3, Map.of(), 0.5));
        assertThrows(IllegalArgumentException.class, () -> new EpochMetrics(1, -10, 0.5, 1e-4, 3, Map.of(), 0.5));
        assertThrows(IllegalArgumentException.class, () -> new EpochMetrics(1, 10, 0.5, -1, 3, Map.of(), 0.5));
        assertThrows(IllegalArgumentException.class, () -> new EpochMetrics(1, 10, 0.5, 1e-4, 3, Map.of(" ", 0.5), 0.5));
    }

    @Test
    void numbersKeepSixSignificantDigits() {
        assertEquals("0.123457", MetricsCsv.number(0.123456789));
        assertEquals("123457", MetricsCsv.number(123456.7));
        assertEquals("0.00002", MetricsCsv.number(2e-5));
        assertEquals("1.23457E-7", MetricsCsv.number(1.23456789e-7));
        assertEquals("-1.5", MetricsCsv.number(-1.5));
        assertEquals("0", MetricsCsv.number(-0.0));
        assertEquals("", MetricsCsv.number(Double.NaN));
        assertEquals("inf", MetricsCsv.number(Double.POSITIVE_INFINITY));
    }
}
