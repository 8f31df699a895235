package org.cnlp.pipeline.batch.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * File writes that readers see whole or not at all: content goes to a hidden temporary file in
 * the target's folder ({@code .NAME.RANDOM}{@value #TEMP_SUFFIX}), which is then renamed over the
 * target. A crash leaves at most a temporary file, which {@link #isTemporary(Path)} recognises.
 */
public final class AtomicWrites {

    /** Suffix of the temporary files; hidden too (leading dot), so folder consumers skip them. */
    public static final String TEMP_SUFFIX = ".cnlp-tmp";

    private AtomicWrites() {
    }

    /**
     * Writes {@code content} to {@code target}, whose folder must exist.
     *
     * @param sync force the data to the device before the rename (survives power loss, costs a disk flush)
     */
    public static void write(Path target, byte[] content, boolean sync) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (sync) {
                    channel.force(true);
                }
            }
            rename(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Moves a file, replacing the target, whose folder must exist; atomic on one file system. */
    public static void move(Path source, Path target) throws IOException {
        rename(source, target);
    }

    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    private static void rename(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
