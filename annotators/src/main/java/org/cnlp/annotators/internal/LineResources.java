package org.cnlp.annotators.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the small line-oriented tables (synonyms, abbreviations, trigger lexicons) that the
 * annotators ship as resources. Blank lines and lines starting with {@code #} are skipped;
 * trailing whitespace is removed.
 */
public final class LineResources {

    private LineResources() {
    }

    /** Lines of a classpath resource, resolved relative to {@code anchor}'s package. */
    public static List<String> fromClasspath(Class<?> anchor, String name) {
        InputStream in = anchor.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name + " next to " + anchor.getName());
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** Lines of a UTF-8 file. */
    public static List<String> fromFile(Path path) throws IOException {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    /**
     * Lines of {@code path} when it is not blank, otherwise of the bundled resource {@code name}
     * next to {@code anchor}.
     */
    public static List<String> fileOrBundled(String path, Class<?> anchor, String name) throws IOException {
        return path == null || path.isBlank() ? fromClasspath(anchor, name) : fromFile(Path.of(path));
    }

    /** Content lines of {@code reader}; the caller owns and closes it. */
    public static List<String> read(Reader reader) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> out = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String content = line.stripTrailing();
            if (!content.isBlank() && !content.stripLeading().startsWith("#")) {
                out.add(content);
            }
        }
        return List.copyOf(out);
    }
}
