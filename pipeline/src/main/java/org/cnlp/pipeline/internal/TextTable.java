package org.cnlp.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table: first column left-aligned, the others right-aligned. */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public TextTable(String... header) {
        this.columns = header.length;
        rows.add(header.clone());
    }

    public TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = format(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** Formats a ratio with four decimals. */
    public static String ratio(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String format(Object cell) {
        return cell instanceof Double d ? ratio(d) : String.valueOf(cell);
    }

    /** The table, one line per row, each line ending in '\n'; a rule under the header. */
    public String render() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? row[i] + pad : pad + row[i]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = 0;
                for (int width : widths) {
                    total += width;
                }
                out.append("-".repeat(total + 2 * (columns - 1))).append('\n');
            }
        }
        return out.toString();
    }
}
