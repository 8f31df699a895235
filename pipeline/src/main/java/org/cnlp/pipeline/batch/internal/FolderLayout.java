package org.cnlp.pipeline.batch.internal;

import java.nio.file.Path;

/**
 * Where a folder batch keeps things. Inputs are files under the inbox (hidden names skipped);
 * originals move to {@code inbox/.done/REL} or {@code inbox/.error/REL} (REL: the path relative
 * to the inbox) with the error report at {@code inbox/.error/REL.error.json}; outputs go to
 * {@code outbox/DIR/ID.EXT}, DIR being REL's folder; the batch's own state is in
 * {@code outbox/.cnlp-batch/}. The outbox is not inside the inbox ({@code FolderBatchConfig} checks it).
 */
public record FolderLayout(Path inbox, Path outbox) {

    public static final String DONE = ".done";
    public static final String ERROR = ".error";
    public static final String STATE = ".cnlp-batch";
    public static final String REPORT_SUFFIX = ".error.json";

    public FolderLayout {
        inbox = inbox.toAbsolutePath().normalize();
        outbox = outbox.toAbsolutePath().normalize();
    }

    public Path done() {
        return inbox.resolve(DONE);
    }

    public Path error() {
        return inbox.resolve(ERROR);
    }

    public Path state() {
        return outbox.resolve(STATE);
    }

    /** The inbox-relative path of an input, with {@code /} separators. */
    public String relative(Path input) {
        return slashes(inbox.relativize(input.toAbsolutePath().normalize()));
    }

    public Path input(String relative) {
        return inbox.resolve(relative);
    }

    public Path doneFile(String relative) {
        return done().resolve(relative);
    }

    public Path errorFile(String relative) {
        return error().resolve(relative);
    }

    public Path errorReport(String relative) {
        return error().resolve(relative + REPORT_SUFFIX);
    }

    /** Outbox-relative path of an output of the input {@code relative}: same folder, the given file name. */
    public String outputFor(String relative, String fileName) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? fileName : relative.substring(0, slash + 1) + fileName;
    }

    public Path output(String outputRelative) {
        return outbox.resolve(outputRelative);
    }

    private static String slashes(Path relative) {
        StringBuilder text = new StringBuilder();
        for (Path part : relative) {
            if (!text.isEmpty()) {
                text.append('/');
            }
            text.append(part);
        }
        return text.toString();
    }
}
