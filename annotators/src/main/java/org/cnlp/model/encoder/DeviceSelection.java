package org.cnlp.model.encoder;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.cnlp.terminology.knn.KnnDevices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a device setting to a DJL device: {@code cpu}, {@code cuda} / {@code cuda:N} /
 * {@code gpu} / {@code gpu:N}, or {@code auto} (the first CUDA device when PyTorch sees one,
 * else CPU). A CUDA device that is not there falls back to CPU. Logs one line saying which
 * device was chosen and why.
 */
public final class DeviceSelection {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSelection.class);

    /**
     * The outcome.
     *
     * @param device the device to use
     * @param reason why, for the log and for status pages
     * @param fellBack whether a CUDA device was asked for and CPU is used instead
     */
    public record Choice(Device device, String reason, boolean fellBack) {}

    private DeviceSelection() {}

    /** Resolves with the number of CUDA devices the PyTorch engine reports. */
    public static Device select(String setting) {
        return select(setting, Engine.getEngine("PyTorch").getGpuCount()).device();
    }

    /**
     * Resolves against a given CUDA device count, logging the choice.
     *
     * @throws IllegalArgumentException for a setting that names no device
     */
    public static Choice select(String setting, int gpuCount) {
        Choice choice = decide(setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT), gpuCount);
        if (choice.fellBack()) {
            LOG.warn("Encoder device: {} ({})", choice.device(), choice.reason());
        } else {
            LOG.info("Encoder device: {} ({})", choice.device(), choice.reason());
        }
        return choice;
    }

    private static Choice decide(String setting, int gpuCount) {
        // One grammar for every device setting of the product (DJL models and exact kNN search).
        KnnDevices.DeviceSetting parsed;
        try {
            parsed = KnnDevices.DeviceSetting.parse(setting);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device must be cpu, auto, cuda or cuda:N, got '" + setting + "'", e);
        }
        return switch (parsed.kind()) {
            case CPU -> new Choice(Device.cpu(), "configured cpu", false);
            case AUTO -> gpuCount > 0
                    ? new Choice(Device.gpu(0), "auto: " + gpuCount + " CUDA device(s) visible", false)
                    : new Choice(Device.cpu(), "auto: no CUDA device visible to PyTorch", false);
            case CUDA -> parsed.index() < gpuCount
                    ? new Choice(Device.gpu(parsed.index()), "configured " + setting, false)
                    : new Choice(Device.cpu(), "configured " + setting + " but PyTorch sees " + gpuCount
                            + " CUDA device(s): falling back to cpu", true);
        };
    }
}
