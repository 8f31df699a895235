package org.cnlp.distill.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.model.weights.Safetensors;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;

/**
 * A training run's folder: {@code model/} (the best bundle so far) and {@code checkpoint/}
 * (weights, optimizer state and {@code state.json} after the last finished epoch). Both are
 * replaced by writing a {@code .next} folder and swapping it in, so a crash at any moment
 * leaves a complete previous or next version, which {@link #prepare} recovers.
 */
public final class RunFolder {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CHECKPOINT = "checkpoint";
    private static final String MODEL = "model";
    private static final String STATE = "state.json";

    private final Path root;

    public RunFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Where a run stands.
     *
     * @param epoch the last finished epoch (0: none)
     * @param steps optimizer steps taken
     * @param bestEpoch the epoch of the saved model (0: none)
     * @param bestScore its development score
     * @param bestF1 its F1 per {@code corpus/Type}
     * @param epochsSinceBest finished epochs after the best one
     * @param weights the weights after {@code epoch} (empty for a fresh run)
     * @param optimizer the optimizer state after {@code epoch} (empty for a fresh run)
     */
    public record State(int epoch, long steps, int bestEpoch, double bestScore, Map<String, Double> bestF1, int epochsSinceBest,
            Optional<WeightSet> weights, Optional<WeightSet> optimizer, long examplesSeen, Optional<BatchSchedule.State> schedule) {

        static State fresh() {
            return new State(0, 0, 0, Double.NEGATIVE_INFINITY, Map.of(), 0, Optional.empty(), Optional.empty(), 0, Optional.empty());
        }
    }

    /**
     * Checks the folder for a new run, or loads its checkpoint to resume one.
     *
     * @throws IllegalStateException when a new run would overwrite a previous one, when there is
     *     nothing to resume, or when the checkpoint was made with other settings
     */
    public State prepare(boolean resume, String fingerprint) throws IOException {
        Files.createDirectories(root);
        recover(CHECKPOINT);
        recover(MODEL);
        Path checkpoint = root.resolve(CHECKPOINT);
        boolean previous = Files.exists(checkpoint) || Files.exists(root.resolve(MODEL));
        if (!resume) {
            if (previous) {
                throw new IllegalStateException(root + " holds a previous run: pass --resume to continue it, or choose another --out");
            }
            return State.fresh();
        }
        if (!Files.isRegularFile(checkpoint.resolve(STATE))) {
            throw new IllegalStateException("nothing to resume in " + root + ": it has no checkpoint");
        }
        JsonNode state = JSON.readTree(checkpoint.resolve(STATE).toFile());
        if (!fingerprint.equals(state.path("fingerprint").asText())) {
            throw new IllegalStateException("the checkpoint in " + root + " was made with other settings; resume with the same"
                    + " data and hyperparameters (only --patience, --device and --eval-batch-size may change).\n  checkpoint: "
                    + state.path("fingerprint").asText() + "\n  now:        " + fingerprint);
        }
        Map<String, Double> best = new LinkedHashMap<>();
        state.path("bestF1").properties().forEach(e -> best.put(e.getKey(), e.getValue().asDouble()));
        return new State(state.path("epoch").asInt(), state.path("steps").asLong(), state.path("bestEpoch").asInt(),
                state.path("bestScore").asDouble(), best, state.path("epochsSinceBest").asInt(),
                Optional.of(Safetensors.read(checkpoint.resolve("weights.safetensors"))),
                Optional.of(Safetensors.read(checkpoint.resolve("optimizer.safetensors"))), state.path("examplesSeen").asLong(),
                state.has("batchSize") ? Optional.of(new BatchSchedule.State(state.path("batchSize").asInt(),
                        state.path("batchReference").isNull() ? Double.NaN : state.path("batchReference").asDouble()))
                        : Optional.empty());
    }

    /** Replaces the checkpoint with this state (weights and optimizer state must be present). */
    public void saveCheckpoint(State state, String fingerprint) throws IOException {
        Path next = fresh(CHECKPOINT + ".next");
        Safetensors.write(next.resolve("weights.safetensors"), state.weights().orElseThrow(), TensorType.F32, Map.of());
        Safetensors.write(next.resolve("optimizer.safetensors"), state.optimizer().orElseThrow(), TensorType.F32, Map.of());
        ObjectNode json = JSON.createObjectNode();
        json.put("fingerprint", fingerprint);
        json.put("epoch", state.epoch());
        json.put("steps", state.steps());
        json.put("bestEpoch", state.bestEpoch());
        json.put("bestScore", state.bestScore());
        json.set("bestF1", JSON.valueToTree(state.bestF1()));
        json.put("epochsSinceBest", state.epochsSinceBest());
        json.put("examplesSeen", state.examplesSeen());
        state.schedule().ifPresent(schedule -> {
            json.put("batchSize", schedule.batchSize());
            if (Double.isNaN(schedule.reference())) {
                json.putNull("batchReference");
            } else {
                json.put("batchReference", schedule.reference());
            }
        });
        Files.writeString(next.resolve(STATE), JSON.writeValueAsString(json), StandardCharsets.UTF_8);
        swap(CHECKPOINT);
    }

    /** Replaces the saved model with a bundle of these contents. */
    public void saveModel(ModelBundle.Contents contents, TensorType dtype) throws IOException {
        Path next = root.resolve(MODEL + ".next");
        deleteTree(next);
        ModelBundle.write(next, contents, dtype, ModelBundle.DEFAULT_SHARD_BYTES);
        swap(MODEL);
    }

    /** The run folder. */
    public Path root() {
        return root;
    }

    /** The saved model's folder. */
    public Path modelDirectory() {
        return root.resolve(MODEL);
    }

    private Path fresh(String name) throws IOException {
        Path path = root.resolve(name);
        deleteTree(path);
        return Files.createDirectories(path);
    }

    /** {@code name.next} (complete) becomes {@code name}; the old one passes through {@code name.old}. */
    private void swap(String name) throws IOException {
        Path current = root.resolve(name);
        Path old = root.resolve(name + ".old");
        deleteTree(old);
        if (Files.exists(current)) {
            Files.move(current, old);
        }
        Files.move(root.resolve(name + ".next"), current);
        deleteTree(old);
    }

    /** Finishes or undoes a swap a crash interrupted. */
    private void recover(String name) throws IOException {
        Path current = root.resolve(name);
        Path next = root.resolve(name + ".next");
        Path old = root.resolve(name + ".old");
        if (!Files.exists(current)) {
            boolean nextComplete = Files.exists(next.resolve(name.equals(MODEL) ? ModelBundle.MANIFEST : STATE));
            if (nextComplete) {
                Files.move(next, current);
            } else if (Files.exists(old)) {
                Files.move(old, current);
            }
        }
        deleteTree(next);
        deleteTree(old);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
