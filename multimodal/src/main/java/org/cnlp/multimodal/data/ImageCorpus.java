package org.cnlp.multimodal.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.cnlp.multimodal.image.GreyImage;
import org.cnlp.multimodal.image.ImageLimits;
import org.cnlp.multimodal.image.ImageReadException;
import org.cnlp.multimodal.image.MedicalImages;
import org.cnlp.multimodal.image.Npz;
import org.cnlp.multimodal.image.NpyArray;

/**
 * The image-classification pretraining corpus: the four {@link ImageTask}s read from {@code corpora-samples/images},
 * every image resized to {@code size × size} grey, split into train and validation.
 *
 * <p>Splits (all deterministic):
 * <ul>
 *   <li>{@link ImageTask#MODALITY}, {@value #MEDNIST}: 80/20 by a stable hash ({@link StableSplit}) of
 *       {@code <class folder>/<file name>}, e.g. {@code CXR/000123.jpeg}.</li>
 *   <li>{@link ImageTask#CXR_ABNORMAL}, {@value #NIH}: the given train/valid/test folders share patients, so they are
 *       ignored and the images re-split by patient: 80/20 by a stable hash of {@code patient:<patient_id>} from
 *       {@value #NIH_LABELS}, so no patient is in both splits. The label comes from the NIH findings
 *       ({@code No Finding} = normal, anything else = abnormal); where the folder disagrees, a warning is
 *       recorded.</li>
 *   <li>{@link ImageTask#PNEUMONIA} and {@link ImageTask#BREAST}: the {@code train_*} and {@code val_*} arrays of
 *       {@value #PNEUMONIA_NPZ} and {@value #BREAST_NPZ}; BreastMNIST's {@code test_*} arrays are not used.</li>
 * </ul>
 * Files that cannot be read are skipped and counted ({@link #skipped()}, {@link #warnings()}); a missing data set is
 * an error. Samples are in a stable order (by file name or array index). Immutable once loaded.
 */
public final class ImageCorpus {

    /** MedNIST folder under the images directory, one sub-folder per class. */
    public static final String MEDNIST = "mednist-6x800";
    /** NIH ChestX-ray14 sample folder. */
    public static final String NIH = "nih-cxr-1000";
    /** Labels file inside {@value #NIH}. */
    public static final String NIH_LABELS = "nih1000_labels.csv";
    /** PneumoniaMNIST train and validation arrays. */
    public static final String PNEUMONIA_NPZ = "pneumoniamnist-train-val.npz";
    /** BreastMNIST arrays. */
    public static final String BREAST_NPZ = "breastmnist.npz";
    /** Percentage of MedNIST files and NIH patients that go to validation. */
    public static final int VALIDATION_PERCENT = 20;

    private static final int MAX_WARNINGS_SHOWN = 5;

    private final Path imagesDir;
    private final int size;
    private final Map<ImageTask, List<ImageSample>> train;
    private final Map<ImageTask, List<ImageSample>> validation;
    private final List<String> warnings;
    private final int skipped;

    private ImageCorpus(Path imagesDir, int size, Map<ImageTask, List<ImageSample>> train,
            Map<ImageTask, List<ImageSample>> validation, List<String> warnings, int skipped) {
        this.imagesDir = imagesDir;
        this.size = size;
        this.train = train;
        this.validation = validation;
        this.warnings = List.copyOf(warnings);
        this.skipped = skipped;
    }

    /**
     * Loads all four tasks.
     *
     * @param imagesDir {@code corpora-samples/images}
     * @param size      the width and height every image is resized to (area-averaged when shrinking)
     * @param progress  where to report what was loaded, or {@code null} for silence
     * @throws IOException if the folder or one of its data sets is missing or malformed
     */
    public static ImageCorpus load(Path imagesDir, int size, PrintStream progress) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
        if (!Files.isDirectory(imagesDir)) {
            throw new IOException("no image folder at " + imagesDir + "; expected corpora-samples/images with "
                    + String.join(", ", MEDNIST, NIH, PNEUMONIA_NPZ, BREAST_NPZ));
        }
        Loader loader = new Loader(imagesDir, size, progress);
        loader.mednist();
        loader.nih();
        loader.npz(ImageTask.PNEUMONIA, PNEUMONIA_NPZ);
        loader.npz(ImageTask.BREAST, BREAST_NPZ);
        ImageCorpus corpus = new ImageCorpus(imagesDir, size, freeze(loader.train), freeze(loader.validation),
                loader.warnings, loader.skipped);
        if (progress != null) {
            progress.print(corpus.describe());
        }
        return corpus;
    }

    /** The width and height of every sample. */
    public int size() {
        return size;
    }

    /** The training samples of a task (unmodifiable). */
    public List<ImageSample> train(ImageTask task) {
        return train.get(task);
    }

    /** The validation samples of a task (unmodifiable). */
    public List<ImageSample> validation(ImageTask task) {
        return validation.get(task);
    }

    /** How many files or rows were skipped because they could not be read. */
    public int skipped() {
        return skipped;
    }

    /** What was skipped or looked inconsistent, one line each. */
    public List<String> warnings() {
        return warnings;
    }

    /** Counts per task, split and class, as a few lines of text. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "image corpus from %s at %dx%d grey: %d skipped, %d warnings%n",
                imagesDir, size, size, skipped, warnings.size()));
        for (ImageTask task : ImageTask.values()) {
            text.append(String.format(Locale.ROOT, "  %-13s train %5d  validation %5d  (%s)%n", task.id(),
                    train(task).size(), validation(task).size(), perClass(task)));
        }
        for (int i = 0; i < Math.min(MAX_WARNINGS_SHOWN, warnings.size()); i++) {
            text.append("  warning: ").append(warnings.get(i)).append(System.lineSeparator());
        }
        if (warnings.size() > MAX_WARNINGS_SHOWN) {
            text.append("  ... ").append(warnings.size() - MAX_WARNINGS_SHOWN).append(" more warnings")
                    .append(System.lineSeparator());
        }
        return text.toString();
    }

    private String perClass(ImageTask task) {
        List<String> parts = new ArrayList<>();
        for (int label = 0; label < task.classNames().size(); label++) {
            int finalLabel = label;
            long inTrain = train(task).stream().filter(s -> s.label() == finalLabel).count();
            long inValidation = validation(task).stream().filter(s -> s.label() == finalLabel).count();
            parts.add(task.classNames().get(label) + " " + inTrain + "/" + inValidation);
        }
        return String.join(", ", parts);
    }

    private static Map<ImageTask, List<ImageSample>> freeze(Map<ImageTask, List<ImageSample>> samples) {
        Map<ImageTask, List<ImageSample>> frozen = new EnumMap<>(ImageTask.class);
        samples.forEach((task, list) -> frozen.put(task, List.copyOf(list)));
        return Collections.unmodifiableMap(frozen);
    }

    /** Reads the data sets one after the other, decoding image files in parallel. */
    private static final class Loader {

        private final Path imagesDir;
        private final int size;
        private final PrintStream progress;
        private final Map<ImageTask, List<ImageSample>> train = new EnumMap<>(ImageTask.class);
        private final Map<ImageTask, List<ImageSample>> validation = new EnumMap<>(ImageTask.class);
        private final List<String> warnings = new ArrayList<>();
        private int skipped;

        Loader(Path imagesDir, int size, PrintStream progress) {
            this.imagesDir = imagesDir;
            this.size = size;
            this.progress = progress;
            for (ImageTask task : ImageTask.values()) {
                train.put(task, new ArrayList<>());
                validation.put(task, new ArrayList<>());
            }
        }

        void mednist() throws IOException {
            long start = System.nanoTime();
            Path root = existing(imagesDir.resolve(MEDNIST));
            List<ImageFile> files = new ArrayList<>();
            List<String> classes = ImageTask.MODALITY.classNames();
            for (int label = 0; label < classes.size(); label++) {
                Path folder = existing(root.resolve(classes.get(label)));
                try (Stream<Path> listing = Files.list(folder)) {
                    for (Path file : listing.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                        String key = classes.get(label) + "/" + file.getFileName();
                        files.add(new ImageFile(file, MEDNIST + "/" + key, label,
                                StableSplit.isValidation(key, VALIDATION_PERCENT)));
                    }
                }
            }
            decodeAll(ImageTask.MODALITY, files);
            report(ImageTask.MODALITY, MEDNIST, start);
        }

        void nih() throws IOException {
            long start = System.nanoTime();
            Path root = existing(imagesDir.resolve(NIH)).normalize();
            List<NihChestXrays.Row> rows = NihChestXrays.read(existing(root.resolve(NIH_LABELS)));
            List<ImageFile> files = new ArrayList<>();
            Set<Path> listed = new HashSet<>();
            for (NihChestXrays.Row row : rows) {
                Path file = root.resolve(row.path()).normalize();
                if (!file.startsWith(root)) {
                    warn("skipped " + NIH_LABELS + " row with a path outside " + NIH + ": " + row.path());
                    continue;
                }
                listed.add(file);
                if (!row.folderAgrees()) {
                    warnings.add(NIH + "/" + row.path() + ": folder " + row.folderLabel() + " disagrees with findings '"
                            + row.findings() + "'; labelled " + ImageTask.CXR_ABNORMAL.classNames().get(row.label())
                            + " from the findings");
                }
                files.add(new ImageFile(file, NIH + "/" + row.path(), row.label(),
                        StableSplit.isValidation("patient:" + row.patientId(), VALIDATION_PERCENT)));
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(f -> f.toString().endsWith(".png")).sorted().toList()) {
                    if (!listed.contains(file.normalize())) {
                        warn("skipped " + NIH + "/" + root.relativize(file) + ": not in " + NIH_LABELS + ", so no patient id");
                    }
                }
            }
            decodeAll(ImageTask.CXR_ABNORMAL, files);
            report(ImageTask.CXR_ABNORMAL, NIH, start);
        }

        void npz(ImageTask task, String fileName) throws IOException {
            long start = System.nanoTime();
            Path file = existing(imagesDir.resolve(fileName));
            Map<String, NpyArray> arrays = Npz.read(file);
            addArrays(task, fileName, arrays, "train", train.get(task));
            addArrays(task, fileName, arrays, "val", validation.get(task));
            report(task, fileName, start);
        }

        private void addArrays(ImageTask task, String fileName, Map<String, NpyArray> arrays, String split,
                List<ImageSample> into) throws IOException {
            NpyArray images = arrays.get(split + "_images");
            NpyArray labels = arrays.get(split + "_labels");
            if (images == null || labels == null) {
                throw new IOException(imagesDir.resolve(fileName) + ": no " + split + "_images/" + split
                        + "_labels arrays (has " + arrays.keySet() + ")");
            }
            int[] shape = images.shape();
            if (!images.dtype().equals("|u1") || shape.length != 3 || labels.size() != shape[0]) {
                throw new IOException(imagesDir.resolve(fileName) + ": expected " + split + "_images as |u1 (n, h, w) "
                        + "and one label per image, got " + images + " and " + labels);
            }
            byte[] pixels = images.asUnsignedBytes();
            long[] classes = labels.asLongs();
            int height = shape[1];
            int width = shape[2];
            int perImage = height * width;
            for (int i = 0; i < shape[0]; i++) {
                String id = fileName + "/" + split + "/" + i;
                if (classes[i] < 0 || classes[i] >= task.classNames().size()) {
                    warn("skipped " + id + ": label " + classes[i] + " is not one of " + task.classNames());
                    continue;
                }
                byte[] one = new byte[perImage];
                System.arraycopy(pixels, i * perImage, one, 0, perImage);
                byte[] resized = width == size && height == size ? one
                        : GreyImage.fromBytes(one, width, height).resized(size, size).toBytes();
                into.add(new ImageSample(id, task.id(), (int) classes[i], resized, size));
            }
        }

        private void decodeAll(ImageTask task, List<ImageFile> files) {
            ImageSample[] samples = new ImageSample[files.size()];
            String[] failures = new String[files.size()];
            IntStream.range(0, files.size()).parallel().forEach(i -> {
                ImageFile file = files.get(i);
                try {
                    GreyImage image = MedicalImages.read(file.path(), ImageLimits.DEFAULT).resized(size, size);
                    samples[i] = new ImageSample(file.id(), task.id(), file.label(), image.toBytes(), size);
                } catch (ImageReadException e) {
                    failures[i] = "skipped " + file.id() + ": " + e.reason() + ": " + e.getMessage();
                }
            });
            for (int i = 0; i < samples.length; i++) {
                if (samples[i] == null) {
                    warn(failures[i]);
                } else {
                    (files.get(i).validation() ? validation : train).get(task).add(samples[i]);
                }
            }
        }

        private void warn(String warning) {
            warnings.add(warning);
            skipped++;
        }

        private void report(ImageTask task, String source, long startNanos) {
            if (progress != null) {
                progress.printf(Locale.ROOT, "images: %s -> %s: %d train, %d validation (%.1f s)%n", source, task.id(),
                        train.get(task).size(), validation.get(task).size(), (System.nanoTime() - startNanos) / 1e9);
            }
        }

        private static Path existing(Path path) throws IOException {
            if (!Files.exists(path)) {
                throw new IOException("missing " + path + ": the image corpus expects the layout described in "
                        + "corpora-samples/README.md");
            }
            return path;
        }
    }

    /** One image file to decode, with its label and split. */
    private record ImageFile(Path path, String id, int label, boolean validation) {
    }
}
