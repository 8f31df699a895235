package org.cnlp.terminology.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnlp.terminology.knn.KnnDevices.DeviceSetting;
import org.cnlp.terminology.knn.KnnDevices.Kind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KnnDevicesTest {

    @Test
    void parsesEveryValidForm() {
        assertEquals(new DeviceSetting(Kind.AUTO, 0), DeviceSetting.parse("auto"));
        assertEquals(new DeviceSetting(Kind.CPU, 0), DeviceSetting.parse("CPU"));
        assertEquals(new DeviceSetting(Kind.CPU, 0), DeviceSetting.parse(" "));
        assertEquals(new DeviceSetting(Kind.CPU, 0), DeviceSetting.parse(null));
        assertEquals(new DeviceSetting(Kind.CUDA, 0), DeviceSetting.parse("cuda"));
        assertEquals(new DeviceSetting(Kind.CUDA, 0), DeviceSetting.parse("GPU"));
        assertEquals(new DeviceSetting(Kind.CUDA, 2), DeviceSetting.parse(" Cuda:2 "));
        assertEquals(new DeviceSetting(Kind.CUDA, 1), DeviceSetting.parse("gpu:1"));
        assertEquals("cuda:3", DeviceSetting.parse("gpu:3").toString());
        assertEquals("auto", DeviceSetting.parse("AUTO").toString());
    }

    @Test
    void rejectsOtherFormsListingTheValidOnes() {
        for (String bad : new String[] {"tpu", "cuda:", "cuda:-1", "cuda:x", "gpu0", "cpu:1", "cuda:12345"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSetting.parse(bad), bad);
            assertTrue(e.getMessage().contains("auto, cpu, cuda, cuda:N, gpu, gpu:N"), e.getMessage());
        }
    }

    @Test
    void fallsBackToTheCpuWithoutAGpu() {
        CudaProbe.Availability availability = CudaProbe.probe(0);
        Assumptions.assumeFalse(availability.available(), "this machine has a GPU");
        VectorMatrix m = VectorMatrix.random(100, 8, 1);
        for (String setting : new String[] {"auto", "cuda:0", "gpu:3", "cpu", ""}) {
            try (KnnSearcher searcher = KnnDevices.open(m, setting)) {
                assertInstanceOf(CpuKnnSearcher.class, searcher, setting);
                assertEquals(3, searcher.topK(m.row(7), 1, 3)[0].size());
                assertEquals(7, searcher.topK(m.row(7), 1, 3)[0].rows()[0]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> KnnDevices.open(m, "fpga"));
    }
}
