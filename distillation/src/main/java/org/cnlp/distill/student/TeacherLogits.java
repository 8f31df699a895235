package org.cnlp.distill.student;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.cnlp.distill.data.TaggedWindow;
import org.cnlp.model.encoder.EncoderBatch;
import org.cnlp.model.encoder.TokenRunner;
import org.cnlp.model.weights.HostTensor;
import org.cnlp.model.weights.Safetensors;
import org.cnlp.model.weights.TensorType;
import org.cnlp.model.weights.WeightSet;

/**
 * The teacher's logits for every training window, either computed once and cached on disk or
 * computed on the fly when a batch asks. Both run each window alone (batch 1, no padding)
 * through the same runner, so they give bit-identical values and the same student.
 */
public abstract sealed class TeacherLogits permits TeacherLogits.Cached, TeacherLogits.Live {

    /** The logits of window {@code index}: {@code length * tags} values, token-major. */
    public abstract float[] get(int index);

    static float[] compute(TokenRunner teacher, TaggedWindow window) {
        return teacher.forward(EncoderBatch.of(List.of(window.tokens()), 0)).getFirst();
    }

    /**
     * Loads the cache in {@code file} when it was made by this teacher for these windows,
     * otherwise computes and writes it; {@code progress} hears each window computed.
     */
    public static TeacherLogits cached(Path file, String teacherId, TokenRunner teacher, List<TaggedWindow> windows,
            IntConsumer progress) throws IOException {
        String digest = digest(windows);
        if (Files.isRegularFile(file)) {
            Map<String, String> meta = Safetensors.readHeader(file).metadata();
            if (teacherId.equals(meta.get("teacher")) && digest.equals(meta.get("windows"))) {
                WeightSet stored = Safetensors.read(file);
                float[][] logits = new float[windows.size()][];
                for (int i = 0; i < logits.length; i++) {
                    logits[i] = stored.get(key(i)).data();
                }
                return new Cached(logits);
            }
        }
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        float[][] logits = new float[windows.size()][];
        for (int i = 0; i < windows.size(); i++) {
            logits[i] = compute(teacher, windows.get(i));
            tensors.put(key(i), HostTensor.of(new long[] {windows.get(i).length(), teacher.outputSize()}, logits[i]));
            progress.accept(i + 1);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Safetensors.write(tmp, WeightSet.of(tensors), TensorType.F32, Map.of("teacher", teacherId, "windows", digest));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Cached(logits);
    }

    /** Logits computed when asked. */
    public static TeacherLogits live(TokenRunner teacher, List<TaggedWindow> windows) {
        return new Live(teacher, windows);
    }

    /**
     * A digest of every window's token ids, and of its type id where that is not 0 (the
     * annotation guideline it was read under): a cache made for other data is never reused.
     */
    static String digest(List<TaggedWindow> windows) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8);
            for (TaggedWindow window : windows) {
                for (long id : window.tokens().ids()) {
                    sha.update(buffer.clear().putLong(id).array());
                }
                long typeId = window.length() == 0 ? 0 : window.tokens().typeId(0);
                if (typeId != 0) {
                    sha.update(buffer.clear().putLong(-2).array());
                    sha.update(buffer.clear().putLong(typeId).array());
                }
                sha.update(buffer.clear().putLong(-1).array());
            }
            return windows.size() + ":" + java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String key(int i) {
        return "w" + i;
    }

    static final class Cached extends TeacherLogits {
        private final float[][] logits;

        Cached(float[][] logits) {
            this.logits = logits;
        }

        @Override
        public float[] get(int index) {
            return logits[index];
        }
    }

    static final class Live extends TeacherLogits {
        private final TokenRunner teacher;
        private final List<TaggedWindow> windows;

        Live(TokenRunner teacher, List<TaggedWindow> windows) {
            this.teacher = teacher;
            this.windows = windows;
        }

        @Override
        public float[] get(int index) {
            return compute(teacher, windows.get(index));
        }
    }
}
