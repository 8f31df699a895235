package org.cnlp.multimodal.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of {@code nih-cxr-1000/nih1000_labels.csv}: {@code path,split,folder_label,finding_labels,patient_id,
 * age,sex,view}, one per image, no quoting (findings are joined with {@code |}).
 */
final class NihChestXrays {

    /** The header the reader expects. */
    static final List<String> COLUMNS =
            List.of("path", "split", "folder_label", "finding_labels", "patient_id", "age", "sex", "view");

    /**
     * One image.
     *
     * @param path        relative to the {@code nih-cxr-1000} folder
     * @param folderLabel the folder the image was given in ({@code 0_normal} or {@code 1_abnormal})
     * @param findings    NIH finding labels, {@code No Finding} for a normal film
     * @param patientId   the NIH patient id
     */
    record Row(String path, String folderLabel, String findings, String patientId) {

        /** 0 (normal) when the findings are {@code No Finding}, else 1 (abnormal). */
        int label() {
            return findings.equals("No Finding") ? 0 : 1;
        }

        /** Whether the folder the image was given in agrees with its findings. */
        boolean folderAgrees() {
            return folderLabel.startsWith(label() + "_");
        }
    }

    private NihChestXrays() {
    }

    /**
     * Reads the labels file.
     *
     * @throws IOException if it is missing, has another header, or a row has the wrong number of fields or no
     *         patient id
     */
    static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !Arrays.asList(lines.getFirst().strip().split(",", -1)).equals(COLUMNS)) {
            throw new IOException(csv + ": expected the header " + String.join(",", COLUMNS));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != COLUMNS.size()) {
                throw new IOException(csv + " line " + (i + 1) + ": expected " + COLUMNS.size() + " comma-separated fields, got "
                        + fields.length);
            }
            String patient = fields[4].strip();
            if (patient.isEmpty()) {
                throw new IOException(csv + " line " + (i + 1) + ": no patient_id");
            }
            rows.add(new Row(fields[0].strip(), fields[2].strip(), fields[3].strip(), patient));
        }
        return rows;
    }
}
