package org.cnlp.terminology.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folders written whole: built in a hidden staging folder beside the target, then moved into
 * place, so that a reader or a crash never sees half of one (concept vectors, model bundles).
 */
public final class Folders {

    private Folders() {}

    /** A new hidden staging folder beside {@code target} ({@code .NAME.tmp-...}). */
    public static Path staging(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        return Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".tmp-");
    }

    /**
     * Moves the complete {@code staging} folder to {@code target}; an existing target is first
     * moved aside and deleted once the new one is in place.
     */
    public static void replace(Path staging, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            Path old = absolute.resolveSibling("." + absolute.getFileName() + ".old-" + System.nanoTime());
            Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } else {
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Deletes a folder and everything below it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
