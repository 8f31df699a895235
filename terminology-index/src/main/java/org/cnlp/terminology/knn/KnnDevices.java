package org.cnlp.terminology.knn;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where exact kNN search runs: the one place that parses a device setting and falls back from
 * CUDA to the CPU. {@link #open} logs one line naming the backend and why it was chosen.
 */
public final class KnnDevices {

    private static final Logger LOG = LoggerFactory.getLogger(KnnDevices.class);
    private static final Pattern CUDA = Pattern.compile("(?:cuda|gpu)(?::(\\d{1,4}))?");
    private static final String VALID_FORMS = "auto, cpu, cuda, cuda:N, gpu, gpu:N";

    private KnnDevices() {
    }

    /** Kinds of device setting. */
    public enum Kind {
        /** CUDA device 0 when the probe finds it usable, otherwise the CPU. */
        AUTO,
        /** The CPU. */
        CPU,
        /** A CUDA device; the CPU (with a warning) when it is unusable. */
        CUDA
    }

    /**
     * A parsed device setting.
     *
     * @param kind  the kind
     * @param index the CUDA device index; 0 for {@code auto} and {@code cpu}
     */
    public record DeviceSetting(Kind kind, int index) {

        /** Checks the index. */
        public DeviceSetting {
            if (kind == null || index < 0) {
                throw new IllegalArgumentException("kind must be given and index must not be negative");
            }
        }

        /**
         * Parses {@code auto}, {@code cpu}, {@code cuda}, {@code cuda:N}, {@code gpu} or {@code gpu:N}
         * (case-insensitive, surrounding spaces ignored; {@code gpu} means {@code cuda}). Null or blank
         * means {@code cpu}.
         *
         * @throws IllegalArgumentException for anything else, listing the valid forms
         */
        public static DeviceSetting parse(String setting) {
            if (setting == null || setting.isBlank()) {
                return new DeviceSetting(Kind.CPU, 0);
            }
            String value = setting.strip().toLowerCase(Locale.ROOT);
            if (value.equals("auto")) {
                return new DeviceSetting(Kind.AUTO, 0);
            }
            if (value.equals("cpu")) {
                return new DeviceSetting(Kind.CPU, 0);
            }
            Matcher matcher = CUDA.matcher(value);
            if (matcher.matches()) {
                return new DeviceSetting(Kind.CUDA, matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1)));
            }
            throw new IllegalArgumentException("invalid kNN device '" + setting + "': use one of " + VALID_FORMS);
        }

        /** The canonical form: {@code auto}, {@code cpu} or {@code cuda:N}. */
        @Override
        public String toString() {
            return switch (kind) {
                case AUTO -> "auto";
                case CPU -> "cpu";
                case CUDA -> "cuda:" + index;
            };
        }
    }

    /**
     * Opens a searcher over {@code matrix} for {@code setting} (see {@link DeviceSetting#parse}):
     * {@code cpu} searches on the CPU; {@code auto} on CUDA device 0 when {@link CudaProbe} finds it
     * usable, else on the CPU; {@code cuda:N} on device N, or on the CPU with a warning when it is
     * unusable or fails to start. The caller closes the searcher.
     *
     * @throws IllegalArgumentException for an invalid setting
     */
    public static KnnSearcher open(VectorMatrix matrix, String setting) {
        if (matrix == null) {
            throw new IllegalArgumentException("matrix is null");
        }
        DeviceSetting parsed = DeviceSetting.parse(setting);
        if (parsed.kind() == Kind.CPU) {
            KnnSearcher cpu = new CpuKnnSearcher(matrix);
            LOG.info("kNN search: {} (device setting cpu)", cpu.device());
            return cpu;
        }
        String label = parsed.kind() == Kind.AUTO ? "auto" : parsed.toString() + " requested";
        CudaProbe.Availability availability = CudaProbe.probe(parsed.index());
        String why;
        boolean failed = false;
        if (availability.available()) {
            try {
                KnnSearcher cuda = new CudaKnnSearcher(matrix, parsed.index());
                LOG.info("kNN search: {} ({}: {})", cuda.device(), label, availability.reason());
                return cuda;
            } catch (RuntimeException | LinkageError e) {
                why = "CUDA searcher failed to start: " + e.getMessage();
                failed = true;
            }
        } else {
            why = availability.reason();
        }
        KnnSearcher cpu = new CpuKnnSearcher(matrix);
        if (parsed.kind() == Kind.AUTO && !failed) {
            LOG.info("kNN search: {} (auto: {})", cpu.device(), why);
        } else {
            LOG.warn("kNN search: {} ({}, CUDA unavailable: {})", cpu.device(), label, why);
        }
        return cpu;
    }
}
