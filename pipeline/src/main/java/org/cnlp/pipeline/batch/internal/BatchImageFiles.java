package org.cnlp.pipeline.batch.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cnlp.pipeline.input.DocumentSources;

/**
 * How a folder batch lets inputs read the image files they name. An image moves to {@code .done/}
 * or {@code .error/} with the first input that finishes; the moves this batch made are remembered
 * (the latest {@value #REMEMBERED} of them), so that another input naming the same image reads it
 * where it went, and only there: an older file of the same name in {@code .done/} from an earlier
 * run is never used for a new input. An image modified within the settle time holds its input
 * back. Thread-safe.
 */
public final class BatchImageFiles implements DocumentSources.ImageFiles {

    static final int REMEMBERED = 10_000;

    private final FolderLayout layout;
    private final long settleMillis;
    private final Map<Path, Path> moves = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Path> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** @param settleMillis how long an image must have been left unmodified before it is read; 0 reads at once */
    public BatchImageFiles(FolderLayout layout, long settleMillis) {
        this.layout = layout;
        this.settleMillis = settleMillis;
    }

    /** Notes that this batch moved the inbox image {@code named} to {@code target}. */
    void moved(Path named, Path target) {
        synchronized (moves) {
            moves.put(named.toAbsolutePath().normalize(), target);
        }
    }

    @Override
    public Optional<Path> moved(Path named) {
        Path target;
        synchronized (moves) {
            target = moves.get(named.toAbsolutePath().normalize());
        }
        if (target == null || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            // Still where this batch put it, inside the inbox: nothing swapped in a link since.
            return target.toRealPath().startsWith(layout.inbox().toRealPath()) ? Optional.of(target) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Unmodified for the settle time; a modification time over a second in the future (another clock) counts as settled. */
    @Override
    public boolean settled(Path image) {
        if (settleMillis == 0) {
            return true;
        }
        try {
            long age = System.currentTimeMillis() - Files.getLastModifiedTime(image).toMillis();
            return age >= settleMillis || age < -1000;
        } catch (IOException e) {
            return true;
        }
    }
}
