package org.cnlp.model.weights;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * mapping each tensor name to {@code dtype}, {@code shape} and {@code data_offsets} (relative to
 * the end of the header), an optional {@code __metadata__} string map, then the raw
 * little-endian data. Sharded models add {@code <base>.safetensors.index.json} with a
 * {@code weight_map} from tensor name to shard file.
 */
public final class Safetensors {

    private static final Logger LOG = LoggerFactory.getLogger(Safetensors.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final String SUFFIX = ".safetensors";
    private static final String INDEX_SUFFIX = ".safetensors.index.json";

    private Safetensors() {}

    /**
     * One tensor's header entry.
     *
     * @param dtype the dtype as written ({@code F32}, {@code I64}, ...)
     * @param begin first byte, relative to the start of the data section
     * @param end one past the last byte
     */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {

        /** The element type, when it is one this reader converts to float. */
        public Optional<TensorType> type() {
            try {
                return Optional.of(TensorType.fromSafetensors(dtype));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        /** The number of elements. */
        public long count() {
            long count = 1;
            for (long dim : shape) {
                count = Math.multiplyExact(count, dim);
            }
            return count;
        }
    }

    /**
     * A parsed header.
     *
     * @param entries tensors in file order
     * @param metadata the {@code __metadata__} map (empty when absent)
     * @param dataStart file offset of the data section
     */
    public record Header(Map<String, Entry> entries, Map<String, String> metadata, long dataStart) {
        public Header {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            metadata = Map.copyOf(metadata);
        }
    }

    /** Reads and validates the header of a safetensors file. */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(channel, file);
        }
    }

    /**
     * Reads every F32, F16 and BF16 tensor of a file as float32; tensors of other types
     * (integer buffers such as {@code position_ids}) are skipped.
     */
    public static WeightSet read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(channel, file);
            LinkedHashMap<String, HostTensor> tensors = new LinkedHashMap<>();
            for (Entry entry : header.entries().values()) {
                Optional<TensorType> type = entry.type();
                if (type.isEmpty()) {
                    LOG.debug("{}: skipping {} of dtype {}", file.getFileName(), entry.name(), entry.dtype());
                    continue;
                }
                tensors.put(entry.name(), readTensor(channel, header, entry, type.get(), file));
            }
            return WeightSet.of(tensors);
        }
    }

    /**
     * Reads a model stored as {@code <base>.safetensors} or as shards listed in
     * {@code <base>.safetensors.index.json} in {@code directory}.
     */
    public static WeightSet readModel(Path directory, String baseName) throws IOException {
        Path single = directory.resolve(baseName + SUFFIX);
        if (Files.isRegularFile(single)) {
            return read(single);
        }
        Path index = directory.resolve(baseName + INDEX_SUFFIX);
        if (!Files.isRegularFile(index)) {
            throw new NoSuchFileException(single.toString(), null, "neither " + single.getFileName() + " nor " + index.getFileName() + " exists");
        }
        JsonNode weightMap = JSON.readTree(index.toFile()).path("weight_map");
        if (!weightMap.isObject()) {
            throw new IOException(index + ": no weight_map object");
        }
        LinkedHashMap<String, String> shardOf = JSON.convertValue(weightMap, new TypeReference<LinkedHashMap<String, String>>() {});
        LinkedHashMap<String, HostTensor> tensors = new LinkedHashMap<>();
        for (String shard : new LinkedHashSet<>(shardOf.values())) {
            Path shardFile = directory.resolve(shard).normalize();
            if (!shardFile.startsWith(directory.normalize())) {
                throw new IOException(index + ": shard " + shard + " lies outside " + directory);
            }
            tensors.putAll(read(shardFile).asMap());
        }
        for (String name : shardOf.keySet()) {
            if (!tensors.containsKey(name)) {
                LOG.debug("{}: {} is not a float tensor, skipped", index.getFileName(), name);
            }
        }
        return WeightSet.of(tensors);
    }

    /** Writes all tensors to one file, converted to {@code type}. */
    public static void write(Path file, WeightSet weights, TensorType type, Map<String, String> metadata) throws IOException {
        writeFile(file, weights.asMap(), type, metadata);
    }

    /**
     * Writes the tensors as shards of at most {@code maxShardBytes} of data each (a single larger
     * tensor gets a shard of its own): {@code <base>.safetensors} when one shard suffices, else
     * {@code <base>-00001-of-0000N.safetensors} files plus {@code <base>.safetensors.index.json}.
     *
     * @return the files written, index last
     */
    public static List<Path> writeSharded(Path directory, String baseName, WeightSet weights, TensorType type,
            Map<String, String> metadata, long maxShardBytes) throws IOException {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive");
        }
        List<LinkedHashMap<String, HostTensor>> shards = new ArrayList<>();
        LinkedHashMap<String, HostTensor> current = new LinkedHashMap<>();
        long currentBytes = 0;
        for (Map.Entry<String, HostTensor> e : weights.asMap().entrySet()) {
            long bytes = (long) e.getValue().size() * type.bytes();
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
        }
        shards.add(current);
        Files.createDirectories(directory);
        if (shards.size() == 1) {
            Path file = directory.resolve(baseName + SUFFIX);
            writeFile(file, shards.getFirst(), type, metadata);
            return List.of(file);
        }
        List<Path> written = new ArrayList<>();
        Map<String, String> weightMap = new TreeMap<>();
        long total = 0;
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("%s-%05d-of-%05d%s", baseName, i + 1, shards.size(), SUFFIX);
            Path file = directory.resolve(name);
            writeFile(file, shards.get(i), type, metadata);
            written.add(file);
            for (Map.Entry<String, HostTensor> e : shards.get(i).entrySet()) {
                weightMap.put(e.getKey(), name);
                total += (long) e.getValue().size() * type.bytes();
            }
        }
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode map = index.putObject("weight_map");
        weightMap.forEach(map::put);
        Path indexFile = directory.resolve(baseName + INDEX_SUFFIX);
        Files.writeString(indexFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n");
        written.add(indexFile);
        return written;
    }

    private static void writeFile(Path file, Map<String, HostTensor> tensors, TensorType type, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("a tensor may not be named " + METADATA);
            }
            long bytes = (long) e.getValue().size() * type.bytes();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", type.safetensorsName());
            var shape = entry.putArray("shape");
            for (long dim : e.getValue().shape()) {
                shape.add(dim);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(channel, head);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (HostTensor tensor : tensors.values()) {
                float[] data = tensor.unsafeData();
                for (float value : data) {
                    if (chunk.remaining() < type.bytes()) {
                        chunk.flip();
                        writeFully(channel, chunk);
                        chunk.clear();
                    }
                    type.write(chunk, value);
                }
            }
            chunk.flip();
            writeFully(channel, chunk);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static Header readHeader(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new IOException(file + ": too short for a safetensors file");
        }
        ByteBuffer lengthBuffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBuffer, 0, file);
        long headerLength = lengthBuffer.flip().getLong();
        if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
            throw new IOException(file + ": invalid safetensors header length " + headerLength);
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8, file);
        JsonNode root;
        try {
            root = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + ": safetensors header is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": safetensors header is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataSize = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (field.getKey().equals(METADATA)) {
                value.properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            entries.put(field.getKey(), entry(field.getKey(), value, dataSize, file));
        }
        return new Header(entries, metadata, dataStart);
    }

    private static Entry entry(String name, JsonNode value, long dataSize, Path file) throws IOException {
        JsonNode shapeNode = value.path("shape");
        JsonNode offsets = value.path("data_offsets");
        String dtype = value.path("dtype").asText("");
        if (dtype.isEmpty() || !shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException(file + ": malformed header entry for " + name);
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) {
                throw new IOException(file + ": negative dimension in " + name);
            }
        }
        Entry entry = new Entry(name, dtype, shape, offsets.get(0).asLong(-1), offsets.get(1).asLong(-1));
        if (entry.begin() < 0 || entry.end() < entry.begin() || entry.end() > dataSize) {
            throw new IOException(file + ": data offsets of " + name + " lie outside the file");
        }
        Optional<TensorType> type = entry.type();
        if (type.isPresent() && entry.end() - entry.begin() != entry.count() * type.get().bytes()) {
            throw new IOException(file + ": " + name + " has " + (entry.end() - entry.begin()) + " bytes for "
                    + entry.count() + " values of " + dtype);
        }
        return entry;
    }

    private static HostTensor readTensor(FileChannel channel, Header header, Entry entry, TensorType type, Path file)
            throws IOException {
        long bytes = entry.end() - entry.begin();
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": tensor " + entry.name() + " is larger than 2 GB");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buffer, header.dataStart() + entry.begin(), file);
        buffer.flip();
        float[] values = new float[Math.toIntExact(entry.count())];
        if (type == TensorType.F32) {
            buffer.asFloatBuffer().get(values);
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = type.read(buffer);
            }
        }
        return HostTensor.adopt(entry.shape().clone(), values);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException(file + ": unexpected end of file");
            }
            at += read;
        }
    }
}
