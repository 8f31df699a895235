package org.cnlp.terminology.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The shipped PTX must come from the shipped knn.cu: rerun src/main/cuda/build-ptx.sh after editing it. */
class KnnPtxTest {

    @Test
    void ptxWasBuiltFromTheCurrentSource() throws IOException, NoSuchAlgorithmException {
        String ptx;
        try (InputStream in = CudaKnnSearcher.class.getResourceAsStream("knn.ptx")) {
            assertNotNull(in, "knn.ptx is not on the classpath");
            ptx = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String firstLine = ptx.substring(0, ptx.indexOf('\n'));
        assertTrue(firstLine.startsWith("// source-sha256: "), firstLine);
        String recorded = firstLine.substring("// source-sha256: ".length()).strip();
        byte[] source = Files.readAllBytes(Path.of("src/main/cuda/knn.cu"));
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source));
        assertEquals(actual, recorded, "knn.ptx is stale: run terminology-index/src/main/cuda/build-ptx.sh");
        for (String kernel : new String[] {"knn_scores", "knn_select_scores", "knn_select_keys"}) {
            assertTrue(ptx.contains(".entry " + kernel + "("), kernel);
        }
        assertTrue(ptx.contains(".target sm_75"), "PTX for compute_75");
        assertFalse(ptx.matches("(?s).*\\bfma\\.rn\\.f32.*"), "no fused multiply-add in the PTX");
    }
}
