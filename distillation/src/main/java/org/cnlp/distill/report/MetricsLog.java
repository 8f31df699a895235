package org.cnlp.distill.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The metrics log of a training run, kept in the run folder as {@value #CSV_FILE} (one row per epoch, for
 * spreadsheets and plotting) and {@value #JSON_FILE} (run name, run info and every epoch; the file
 * {@link #resume(Path)} reads back). Both files are rewritten whole after each epoch, each through a temporary
 * {@code NAME.tmp} renamed over the old file, so a crash never leaves a half-written log.
 *
 * <p>Thread-safe; one log per folder (two processes writing the same folder would overwrite each other).
 */
public final class MetricsLog {

    /** Name of the CSV file in the run folder. */
    public static final String CSV_FILE = "metrics.csv";

    /** Name of the JSON file in the run folder. */
    public static final String JSON_FILE = "metrics.json";

    private final Path dir;
    private final String runName;
    private final ObjectNode runInfo;
    private final List<EpochMetrics> epochs;

    private MetricsLog(Path dir, String runName, ObjectNode runInfo, List<EpochMetrics> epochs) {
        this.dir = dir;
        this.runName = runName;
        this.runInfo = runInfo;
        this.epochs = epochs;
    }

    /**
     * Starts the log of a new run: creates {@code dir} if needed and writes both files with no epochs yet, replacing
     * the log of any earlier run in that folder.
     *
     * @param runInfo settings worth keeping with the metrics (model, corpus, temperature...); values must be
     *                serializable by Jackson and are kept as their JSON form
     * @throws IllegalArgumentException if {@code runName} is blank or a {@code runInfo} value cannot be written as JSON
     */
    public static MetricsLog create(Path dir, String runName, Map<String, Object> runInfo) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(runInfo, "runInfo");
        if (runName == null || runName.isBlank()) {
            throw new IllegalArgumentException("runName must be non-blank");
        }
        ObjectNode info;
        try {
            info = MetricsJson.MAPPER.valueToTree(runInfo);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("runInfo cannot be written as JSON: " + e.getMessage(), e);
        }
        Files.createDirectories(dir);
        MetricsLog log = new MetricsLog(dir, runName, info, new ArrayList<>());
        log.writeFiles(List.of());
        return log;
    }

    /**
     * Reopens the log of an interrupted run from {@code dir/}{@value #JSON_FILE}, so that later {@link #append}
     * calls continue it.
     *
     * @throws NoSuchFileException if the folder holds no {@value #JSON_FILE}
     * @throws IOException         if the file cannot be read or is not a metrics log (the message says what is wrong)
     */
    public static MetricsLog resume(Path dir) throws IOException {
        Path file = dir.resolve(JSON_FILE);
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "no metrics log to resume (" + JSON_FILE + " is written by MetricsLog.create)");
        }
        MetricsJson.Content content = MetricsJson.parse(file, text);
        return new MetricsLog(dir, content.run(), content.info(), new ArrayList<>(content.epochs()));
    }

    /**
     * Adds the metrics of the epoch just finished and rewrites both files. If writing fails the log is left as it
     * was, so the call may be retried.
     *
     * @throws IllegalArgumentException if {@code m.epoch()} is not greater than the last epoch logged
     */
    public synchronized void append(EpochMetrics m) throws IOException {
        Objects.requireNonNull(m, "m");
        if (!epochs.isEmpty() && m.epoch() <= epochs.getLast().epoch()) {
            throw new IllegalArgumentException("epoch " + m.epoch() + " cannot follow epoch " + epochs.getLast().epoch()
                    + " already in the log of run '" + runName + "' (epochs must increase)");
        }
        List<EpochMetrics> next = new ArrayList<>(epochs);
        next.add(m);
        writeFiles(next);
        epochs.add(m);
    }

    /**
     * Forgets the epochs after {@code epoch} and rewrites both files; for a run resumed from a checkpoint older than
     * the log (the log was written, then the process died before the checkpoint), so that the epochs run again can
     * be appended. Does nothing when no logged epoch is after {@code epoch}.
     */
    public synchronized void truncateAfter(int epoch) throws IOException {
        List<EpochMetrics> kept = epochs.stream().filter(m -> m.epoch() <= epoch).toList();
        if (kept.size() != epochs.size()) {
            writeFiles(kept);
            epochs.clear();
            epochs.addAll(kept);
        }
    }

    /** The epochs logged so far, oldest first (a snapshot). */
    public synchronized List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    /** The run folder. */
    public Path dir() {
        return dir;
    }

    /** The run name given to {@link #create}. */
    public String runName() {
        return runName;
    }

    /** The run info given to {@link #create}, as read back from its JSON form (unmodifiable). */
    public Map<String, Object> runInfo() {
        Map<String, Object> info = MetricsJson.MAPPER.convertValue(runInfo, new TypeReference<Map<String, Object>>() {
        });
        return Collections.unmodifiableMap(info);
    }

    /** Path of {@value #CSV_FILE}. */
    public Path csvFile() {
        return dir.resolve(CSV_FILE);
    }

    /** Path of {@value #JSON_FILE}. */
    public Path jsonFile() {
        return dir.resolve(JSON_FILE);
    }

    private void writeFiles(List<EpochMetrics> all) throws IOException {
        AtomicFiles.write(jsonFile(), MetricsJson.render(runName, runInfo, all));
        AtomicFiles.write(csvFile(), MetricsCsv.render(all).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "MetricsLog[" + dir + ", run=" + runName + ", epochs=" + epochs().size() + "]";
    }
}
