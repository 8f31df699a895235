package org.cnlp.pipeline.batch.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.cnlp.pipeline.batch.BatchFailure;
import org.cnlp.pipeline.batch.BatchFormat;
import org.cnlp.pipeline.batch.FailureStage;
import org.cnlp.pipeline.batch.RunInfo;
import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.ImageAttachment;
import org.cnlp.pipeline.input.InputRejectedException;
import org.cnlp.pipeline.input.SourceDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one inbox file from start to end, in an order that stays consistent when the process is
 * killed at any point:
 *
 * <ol>
 *   <li>read, annotate and render every document of the file in memory;</li>
 *   <li>claim the output names in the {@link OutputLedger} (a name owned by another input fails the file);</li>
 *   <li>write each output atomically (temporary name, then rename);</li>
 *   <li>move the original to {@code .done/}.</li>
 * </ol>
 *
 * A failure writes the error report atomically, then moves the original to {@code .error/}. Until
 * the original has moved it is still in the inbox and is simply done again after a restart; doing
 * it again replaces the same outputs, so there is never a second copy. A leftover temporary file
 * or a report whose original never moved is removed by {@link Recovery} at the next start.
 *
 * <p>Image files ({@link DocumentSources#isImageFile}) are not inputs: a JSON document names them
 * ({@code imageFile}), and once that input has moved to {@code .done/} or {@code .error/} the
 * image files it named inside the inbox follow it there (same relative path). An input whose image
 * is still being written (modified within the settle time) is left for a later poll. An image named by
 * no input stays in the inbox; {@link #imagesInInbox()} counts them for the summary.
 *
 * <p>The file consumer can hand out a file that another thread has just finished (its listing
 * predates the move). A claim on the input's path makes each file worked by one thread at a time,
 * and a file that is gone after a recent completion is ignored rather than counted again.
 * Thread-safe.
 */
public final class FolderWorker {

    private static final Logger LOG = LoggerFactory.getLogger(FolderWorker.class);
    private static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    private static final long COMPLETED_MEMORY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final FolderLayout layout;
    private final DocumentSources sources;
    private final DocumentProcessor processor;
    private final OutputLedger ledger;
    private final BatchCounters counters;
    private final RunInfo run;
    private final String runId;
    private final boolean syncWrites;
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> completed = new ConcurrentHashMap<>();
    private final BatchImageFiles images;
    /** Inputs held back because an image they name is still being written (logged once each). */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final Set<String> stuck = ConcurrentHashMap.newKeySet();
    private final Set<Path> folders = ConcurrentHashMap.newKeySet();

    /**
     * @param images the batch's image files: this worker records the images it moves there, so that
     *     {@code sources} (built over the same object) finds them for other inputs
     */
    public FolderWorker(FolderLayout layout, DocumentSources sources, BatchImageFiles images, DocumentProcessor processor,
                        OutputLedger ledger, BatchCounters counters, RunInfo run, String runId, boolean syncWrites) {
        this.images = images;
        this.layout = layout;
        this.sources = sources;
        this.processor = processor;
        this.ledger = ledger;
        this.counters = counters;
        this.run = run;
        this.runId = runId;
        this.syncWrites = syncWrites;
    }

    /**
     * Called when the consumer hands out a file, before it queues for a worker: a file that is
     * gone was either finished a moment ago (a stale listing, ignored) or deleted by someone else
     * (counted as vanished).
     */
    public boolean admit(Path file) {
        if (Files.exists(file)) {
            return true;
        }
        vanished(layout.relative(file));
        return false;
    }

    /** Works one inbox file; never throws for a problem of the file itself. */
    public void handle(Path file) {
        String relative = layout.relative(file);
        if (!claimed.add(relative)) {
            return;
        }
        boolean held = false;
        try {
            counters.inputStarted();
            List<Path> images = new ArrayList<>();
            switch (processor.process(relative, () -> read(file, images))) {
                case DocumentProcessor.Annotated annotated -> succeed(file, relative, annotated.documents(), images);
                case DocumentProcessor.Failed failed when isGone(file, failed.failure()) -> vanished(relative);
                case DocumentProcessor.Failed failed -> fail(file, relative, failed.failure(), images);
            }
        } catch (DocumentSources.ImageNotReadyException e) {
            held = true;
            if (waiting.add(relative)) {
                LOG.info("{}: waiting for an image it names to settle ({})", relative, e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            stuck.add(relative);
            LOG.error("{}: left in the inbox after an unexpected error ({}); it will not be retried in this run", relative,
                    e.toString());
            counters.inputFailed(new BatchFailure(relative, FailureStage.WRITE, INTERNAL_ERROR,
                    relative + ": unexpected " + e.getClass().getSimpleName(), Optional.empty()));
        } finally {
            if (!held) {
                // Held inputs are not finished: still waiting, and counted as vanished should they go.
                waiting.remove(relative);
                completed.put(relative, System.nanoTime());
            }
            claimed.remove(relative);
        }
    }

    /**
     * Reads the input and notes the image files its documents name, so that they can follow it.
     *
     * @throws DocumentSources.ImageNotReadyException when one of those images is still being written
     */
    private List<SourceDocument> read(Path file, List<Path> images) throws InputRejectedException {
        List<SourceDocument> documents = sources.read(file);
        for (SourceDocument document : documents) {
            document.attachment().flatMap(ImageAttachment::sourceFile).ifPresent(images::add);
        }
        return documents;
    }

    private static boolean isGone(Path file, BatchFailure failure) {
        return failure.stage() == FailureStage.READ && !Files.exists(file);
    }

    /** A file gone before it could be read: deleted by someone else, or a stale hand-out of one just finished. */
    private void vanished(String relative) {
        if (!completed.containsKey(relative)) {
            LOG.debug("{}: vanished before it could be read", relative);
            counters.inputVanished();
        }
    }

    private void succeed(Path file, String relative, List<DocumentProcessor.Rendered> documents, List<Path> images)
            throws IOException {
        Map<String, byte[]> outputs = outputNames(relative, documents);
        for (String output : outputs.keySet()) {
            Optional<String> owner = ledger.claim(output, relative);
            if (owner.isPresent()) {
                String holder = owner.get().isEmpty() ? "the batch's own files" : owner.get();
                fail(file, relative, new BatchFailure(relative, FailureStage.WRITE, BatchFailure.OUTPUT_CONFLICT,
                        relative + ": output " + output + " is already taken by " + holder + "; document ids must be unique",
                        Optional.empty()), images);
                return;
            }
        }
        for (Map.Entry<String, byte[]> output : outputs.entrySet()) {
            try {
                Path target = layout.output(output.getKey());
                ensureFolder(target);
                AtomicWrites.write(target, output.getValue(), syncWrites);
            } catch (IOException e) {
                fail(file, relative, new BatchFailure(relative, FailureStage.WRITE, BatchFailure.OUTPUT_FAILED,
                        relative + ": cannot write " + output.getKey() + " (" + e.getClass().getSimpleName() + ")", Optional.empty()),
                        images);
                return;
            }
        }
        try {
            Path done = layout.doneFile(relative);
            ensureFolder(done);
            AtomicWrites.move(file, done);
            moveImages(relative, images, true);
        } catch (NoSuchFileException e) {
            LOG.info("{}: annotated, but the original was removed before it could move to {}", relative, FolderLayout.DONE);
        } catch (IOException e) {
            stuck.add(relative);
            LOG.error("{}: annotated, but the original cannot move to {} ({}); it stays in the inbox", relative,
                    FolderLayout.DONE, e.toString());
        }
        counters.inputDone(documents.size(), outputs.size());
    }

    /** Output names in the input's folder: the document id made file-safe; repeated ids in one file get .2, .3, ... */
    private Map<String, byte[]> outputNames(String relative, List<DocumentProcessor.Rendered> documents) {
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (DocumentProcessor.Rendered document : documents) {
            String base = safeName(document.id());
            int n = seen.merge(base, 1, Integer::sum);
            String name = n == 1 ? base : base + "." + n;
            for (Map.Entry<BatchFormat, byte[]> output : document.outputs().entrySet()) {
                outputs.put(layout.outputFor(relative, name + output.getKey().extension()), output.getValue());
            }
        }
        return outputs;
    }

    private void fail(Path file, String relative, BatchFailure failure, List<Path> images) throws IOException {
        Path report = layout.errorReport(relative);
        ensureFolder(report);
        AtomicWrites.write(report, ErrorReports.render(failure, run, runId, Map.of()), syncWrites);
        try {
            AtomicWrites.move(file, layout.errorFile(relative));
            moveImages(relative, images, false);
        } catch (NoSuchFileException e) {
            Files.deleteIfExists(report);
            LOG.debug("{}: vanished before it could move to {}", relative, FolderLayout.ERROR);
            counters.inputVanished();
            return;
        } catch (IOException e) {
            stuck.add(relative);
            LOG.error("{}: failed ({}), and the original cannot move to {} ({}); it stays in the inbox", relative,
                    failure.reason(), FolderLayout.ERROR, e.toString());
        }
        LOG.debug("{}: {} at {}", relative, failure.reason(), failure.stage());
        counters.inputFailed(failure);
    }

    /**
     * Moves the image files an input named, after the input itself, to {@code .done/} or
     * {@code .error/}. Only visible files inside the inbox move; one that is already gone (another
     * input named it too) or cannot move is left, which fails nothing: a crash here leaves at most
     * an image in the inbox that no input names any more.
     */
    private void moveImages(String relative, List<Path> named, boolean done) {
        for (Path image : new LinkedHashSet<>(named)) {
            Path normal = image.toAbsolutePath().normalize();
            if (!normal.startsWith(layout.inbox()) || hiddenInInbox(normal)) {
                continue;
            }
            String imageRelative = layout.relative(normal);
            Path target = done ? layout.doneFile(imageRelative) : layout.errorFile(imageRelative);
            try {
                ensureFolder(target);
                AtomicWrites.move(normal, target);
                images.moved(normal, target);
            } catch (NoSuchFileException e) {
                LOG.debug("{}: the image {} had already moved", relative, imageRelative);
            } catch (IOException e) {
                LOG.warn("{}: the image {} cannot move to {} ({}); it stays in the inbox", relative, imageRelative,
                        done ? FolderLayout.DONE : FolderLayout.ERROR, e.toString());
            }
        }
    }

    private boolean hiddenInInbox(Path file) {
        for (Path part : layout.inbox().relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Creates the folder of {@code file} unless this worker knows it exists. */
    private void ensureFolder(Path file) throws IOException {
        Path folder = file.getParent();
        if (!folders.contains(folder)) {
            Files.createDirectories(folder);
            folders.add(folder);
        }
    }

    /** Whether this run has given up on any file. */
    public boolean hasStuckFiles() {
        return !stuck.isEmpty();
    }

    /** Whether a file of the inbox has been given up on in this run (it could not be moved). */
    public boolean isStuck(Path file) {
        return !stuck.isEmpty() && stuck.contains(layout.relative(file));
    }

    /** Whether the inbox still holds a file this batch would take (settled or not); image files are not inputs. */
    public boolean hasPendingInputs() throws IOException {
        boolean[] found = {false};
        Files.walkFileTree(layout.inbox(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(layout.inbox()) || !hidden(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !hidden(file) && !DocumentSources.isImageFile(file) && !isStuck(file)) {
                    found[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return found[0];
    }

    /** The image files in the inbox (outside hidden folders): those no input has named, or not yet. */
    public long imagesInInbox() throws IOException {
        long[] count = {0};
        Files.walkFileTree(layout.inbox(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(layout.inbox()) || !hidden(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !hidden(file) && DocumentSources.isImageFile(file)) {
                    count[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }

    /** Forgets completions old enough that no stale listing can still name them. */
    public void forgetOldCompletions() {
        long now = System.nanoTime();
        completed.values().removeIf(at -> now - at > COMPLETED_MEMORY_NANOS);
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    /** A document id as a file name: characters other than letters, digits, '.', '_', '-' become '_'; no leading dot. */
    public static String safeName(String id) {
        String cleaned = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

}
