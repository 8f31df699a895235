package org.cnlp.model.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceSelectionTest {

    @Test
    void choosesCudaOnlyWhenPresent() {
        assertEquals(Device.cpu(), DeviceSelection.select("cpu", 2).device());
        assertEquals(Device.gpu(0), DeviceSelection.select("auto", 1).device());
        assertEquals(Device.cpu(), DeviceSelection.select("auto", 0).device());
        assertFalse(DeviceSelection.select("auto", 0).fellBack());
        assertEquals(Device.gpu(1), DeviceSelection.select("cuda:1", 2).device());
        assertEquals(Device.gpu(0), DeviceSelection.select(" CUDA ", 1).device());
        DeviceSelection.Choice fallback = DeviceSelection.select("cuda:1", 1);
        assertEquals(Device.cpu(), fallback.device());
        assertTrue(fallback.fellBack());
        assertTrue(fallback.reason().contains("falling back"));
    }

    @Test
    void rejectsUnknownSettings() {
        assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("tpu", 0));
        assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("cuda:x", 0));
        assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("cuda:-1", 4));
    }

    @Test
    void thisMachineResolvesAutoToSomething() {
        Device device = DeviceSelection.select("auto");
        assertTrue(device.equals(Device.cpu()) || device.isGpu());
    }
}
