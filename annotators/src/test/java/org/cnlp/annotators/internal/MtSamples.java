package org.cnlp.annotators.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code transcription} column of the MTSamples sample in corpora-samples (RFC 4180 CSV). */
public final class MtSamples {

    public static final Path CSV = Path.of("../corpora-samples/notes/mtsamples/mtsamples_truncated_322rows.csv");

    private MtSamples() {
    }

    /** Non-blank transcriptions, in file order. */
    public static List<String> transcriptions() throws IOException {
        List<List<String>> rows = parse(Files.readString(CSV, StandardCharsets.UTF_8));
        int column = rows.getFirst().indexOf("transcription");
        List<String> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() > column && !row.get(column).isBlank()) {
                out.add(row.get(column));
            }
        }
        return out;
    }

    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
