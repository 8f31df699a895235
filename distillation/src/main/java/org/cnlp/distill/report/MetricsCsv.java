package org.cnlp.distill.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Renders {@code metrics.csv}: one row per epoch, one {@code dev_f1_TYPE} column per entity type seen in any epoch
 * (sorted), numbers rounded to 6 significant digits, an empty cell for a missing type or a NaN value.
 */
final class MetricsCsv {

    /** Columns before the per-type F1 columns. */
    static final List<String> FIXED_COLUMNS =
            List.of("epoch", "steps", "train_loss", "learning_rate", "seconds", "dev_micro_f1");

    /** Prefix of the per-type F1 columns. */
    static final String TYPE_COLUMN_PREFIX = "dev_f1_";

    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private MetricsCsv() {
    }

    static String render(List<EpochMetrics> epochs) {
        SortedSet<String> types = new TreeSet<>();
        for (EpochMetrics m : epochs) {
            types.addAll(m.devF1().keySet());
        }
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(FIXED_COLUMNS);
        for (String type : types) {
            header.add(TYPE_COLUMN_PREFIX + type);
        }
        appendLine(out, header);
        for (EpochMetrics m : epochs) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(m.epoch()), Long.toString(m.steps()),
                    number(m.trainLoss()), number(m.learningRate()), number(m.seconds()), number(m.devMicroF1())));
            for (String type : types) {
                Double f1 = m.devF1().get(type);
                row.add(f1 == null ? "" : number(f1));
            }
            appendLine(out, row);
        }
        return out.toString();
    }

    /** 6 significant digits, without trailing zeros; plain notation unless the magnitude is extreme. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).round(SIX_DIGITS).stripTrailingZeros();
        double magnitude = Math.abs(value);
        return magnitude >= 1e-6 && magnitude < 1e15 ? rounded.toPlainString() : rounded.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(cells.get(i)));
        }
        out.append('\n');
    }

    private static String escape(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
