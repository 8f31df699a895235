package org.cnlp.terminology.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CudaProbeTest {

    @Test
    void neverThrowsAndGivesAReason() {
        for (int index : new int[] {0, 0, 3, -1}) {
            CudaProbe.Availability availability = CudaProbe.probe(index);
            assertFalse(availability.reason().isBlank());
            if (!availability.available()) {
                assertEquals(availability, CudaProbe.probe(index), "same answer when asked again");
            }
        }
        assertFalse(CudaProbe.probe(-1).available());
    }

    @Test
    void reportsTheMissingDriverOnMachinesWithoutCuda() {
        CudaProbe.Availability availability = CudaProbe.probe(0);
        Assumptions.assumeFalse(availability.available(), "this machine has a GPU");
        System.out.println("CUDA probe: " + availability.reason());
        assertTrue(availability.reason().startsWith("no CUDA driver") || availability.reason().startsWith("cuInit failed")
                || availability.reason().startsWith("no CUDA device"), availability.reason());
    }
}
