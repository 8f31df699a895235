package org.cnlp.multimodal.uima;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cnlp.multimodal.vqa.VqaBundle;

/**
 * The id of a VQA bundle, for answers and the API: its name and the first 12 hex digits of its
 * weights' SHA-256 as recorded in {@code bundle.json} ({@code vqa@3f2a9c01b7de}), in the style of
 * the NER bundles' ids, so two trainings never share one.
 */
public final class VqaModelId {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DIGITS = 12;

    private VqaModelId() {
    }

    /**
     * Reads the id from the manifest in {@code bundleDir}.
     *
     * @throws IOException when the manifest is missing, unreadable or records no checksum
     */
    public static String of(Path bundleDir) throws IOException {
        Path manifestFile = bundleDir.resolve(VqaBundle.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("No VQA model at " + bundleDir + ": " + VqaBundle.MANIFEST + " is missing");
        }
        JsonNode manifest = JSON.readTree(manifestFile.toFile());
        String sha = manifest.path("files").path(VqaBundle.WEIGHTS).path("sha256").asText("");
        if (sha.length() < DIGITS) {
            throw new IOException(manifestFile + " records no checksum for " + VqaBundle.WEIGHTS + "; the bundle is damaged");
        }
        return manifest.path("name").asText("vqa") + "@" + sha.substring(0, DIGITS);
    }
}
