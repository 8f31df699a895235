package org.cnlp.pipeline.batch.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.cnlp.pipeline.internal.Json;

/**
 * Which input owns which output name, kept across runs, so that two inputs whose documents share
 * an id cannot silently overwrite each other's output (the second is refused), while the same
 * input processed again after a crash replaces its own outputs.
 *
 * <p>An append-only file of JSON lines {@code ["output", "input"]}; a claim is appended before the
 * output is written. A line torn by a crash (no final newline) is dropped when the ledger opens.
 * Thread-safe; one open ledger per outbox (the batch's folder lock sees to it).
 */
public final class OutputLedger implements Closeable {

    private final FileChannel channel;
    private final boolean sync;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, List<String>> owned = new HashMap<>();

    private OutputLedger(FileChannel channel, boolean sync) {
        this.channel = channel;
        this.sync = sync;
    }

    /**
     * Opens (or creates) the ledger, dropping a torn last line.
     *
     * @param reserved output names that no input may claim (the batch's own files)
     */
    public static OutputLedger open(Path file, List<String> reserved, boolean sync) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String[]> entries = new ArrayList<>();
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1;
            int lineNumber = 0;
            for (String line : text.substring(0, complete).split("\n")) {
                lineNumber++;
                if (!line.isBlank()) {
                    entries.add(parse(line, file, lineNumber));
                }
            }
            if (complete < text.length()) {
                AtomicWrites.write(file, text.substring(0, complete).getBytes(StandardCharsets.UTF_8), sync);
            }
        }
        OutputLedger ledger = new OutputLedger(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), sync);
        for (String name : reserved) {
            ledger.remember(name, "");
        }
        for (String[] entry : entries) {
            ledger.remember(entry[0], entry[1]);
        }
        return ledger;
    }

    private static String[] parse(String line, Path file, int lineNumber) throws IOException {
        try {
            JsonNode node = Json.TREE_READER.readTree(line);
            if (node.isArray() && node.size() == 2 && node.get(0).isTextual() && node.get(1).isTextual()) {
                return new String[] {node.get(0).asText(), node.get(1).asText()};
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + ":" + lineNumber + ": corrupt output ledger line; move the file away to start afresh", e);
        }
        throw new IOException(file + ":" + lineNumber + ": expected [\"output\", \"input\"]");
    }

    /**
     * Records that {@code input} owns {@code output}.
     *
     * @return the other input that already owns the name (empty for a reserved name), or empty if
     *         the claim holds
     */
    public synchronized Optional<String> claim(String output, String input) throws IOException {
        String owner = owners.get(output);
        if (owner != null) {
            return owner.equals(input) ? Optional.empty() : Optional.of(owner);
        }
        byte[] line = (Json.COMPACT.writeValueAsString(List.of(output, input)) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        if (sync) {
            channel.force(false);
        }
        remember(output, input);
        return Optional.empty();
    }

    /** Outputs claimed by {@code input}, in claim order. */
    public synchronized List<String> ownedBy(String input) {
        return List.copyOf(owned.getOrDefault(input, List.of()));
    }

    private void remember(String output, String input) {
        if (owners.putIfAbsent(output, input) == null) {
            owned.computeIfAbsent(input, k -> new ArrayList<>()).add(output);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
