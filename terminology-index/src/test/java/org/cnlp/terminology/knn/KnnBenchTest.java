package org.cnlp.terminology.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KnnBenchTest {

    @Test
    void measuresTheCpuAndSaysWhyTheGpuWasSkipped() {
        CudaProbe.Availability availability = CudaProbe.probe(0);
        Assumptions.assumeFalse(availability.available(), "this machine has a GPU");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<KnnBench.Row> rows = KnnBench.run(List.of(1000), 16, 8, 5, true,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String progress = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).backend().startsWith("cpu ("), rows.toString());
        assertEquals(1000, rows.get(0).vectors());
        assertTrue(rows.get(0).medianQueriesPerSecond() > 0 && rows.get(0).medianMillisPerBatch() > 0, rows.toString());
        assertTrue(progress.contains("GPU skipped: " + availability.reason()), progress);
        assertTrue(KnnBench.format(rows).contains("queries/s"));
    }

    @Test
    void gpuCheckExitsWithThreeWithoutAGpu() {
        Assumptions.assumeFalse(CudaProbe.probe(0).available(), "this machine has a GPU");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(3, GpuCheck.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("RESULT: no usable GPU"));
    }
}
