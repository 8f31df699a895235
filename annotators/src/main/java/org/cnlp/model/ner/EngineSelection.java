package org.cnlp.model.ner;

import ai.djl.Device;
import java.util.Locale;
import org.cnlp.model.encoder.DeviceSelection;
import org.cnlp.model.encoder.TokenModel;
import org.cnlp.model.encoder.TokenRunner;
import org.cnlp.model.onnx.OnnxExport;
import org.cnlp.model.onnx.OrtTokenModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the engine that runs a bundle's classifier and opens it, logging one INFO line with
 * the engine and the reason:
 * <ul>
 *   <li>{@code pytorch}: DJL PyTorch on the device the setting selects ({@link DeviceSelection});</li>
 *   <li>{@code onnxruntime}: the weights exported to ONNX in memory ({@link OnnxExport}) and run by
 *       ONNX Runtime on the CPU; a {@code cuda}/{@code gpu} device setting is refused, {@code auto}
 *       means the CPU;</li>
 *   <li>{@code auto} (also for an empty setting): ONNX Runtime when the device setting resolves to
 *       the CPU, PyTorch on a GPU; when ONNX Runtime fails to initialise, a WARN with the reason and
 *       PyTorch on the CPU.</li>
 * </ul>
 */
final class EngineSelection {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSelection.class);

    private EngineSelection() {}

    static TokenRunner open(ModelBundle bundle, String engineSetting, String deviceSetting) {
        String engine = normalized(engineSetting, "auto");
        String device = normalized(deviceSetting, "cpu");
        return switch (engine) {
            case "pytorch" -> {
                TokenModel model = pytorch(bundle, DeviceSelection.select(device));
                LOG.info("NER model {}: engine {} (configured pytorch, device {})", bundle.id(), model.engineDescription(),
                        device);
                yield model;
            }
            case "onnxruntime", "onnx", "ort" -> {
                if (asksForCuda(device)) {
                    throw new IllegalArgumentException("engine onnxruntime runs on the CPU only, but the device is '" + device
                            + "': use device cpu, or engine pytorch (or auto) for a GPU");
                }
                OrtTokenModel model = onnxRuntime(bundle);
                LOG.info("NER model {}: engine {} (configured onnxruntime, device {})", bundle.id(), model.engineDescription(),
                        device);
                yield model;
            }
            case "auto" -> auto(bundle, device);
            default -> throw new IllegalArgumentException(
                    "engine must be auto, onnxruntime or pytorch, got '" + engineSetting + "'");
        };
    }

    private static TokenRunner auto(ModelBundle bundle, String device) {
        Device resolved = device.equals("cpu") ? Device.cpu() : DeviceSelection.select(device);
        if (resolved.isGpu()) {
            TokenModel model = pytorch(bundle, resolved);
            LOG.info("NER model {}: engine {} (auto: device {} is a GPU, and ONNX Runtime here runs on the CPU only)",
                    bundle.id(), model.engineDescription(), resolved);
            return model;
        }
        OrtTokenModel ort;
        try {
            ort = onnxRuntime(bundle);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("NER model {}: ONNX Runtime failed to initialise ({}); falling back to PyTorch on the CPU", bundle.id(),
                    e.toString());
            TokenModel model = pytorch(bundle, Device.cpu());
            LOG.info("NER model {}: engine {} (auto: fallback, ONNX Runtime failed to initialise)", bundle.id(),
                    model.engineDescription());
            return model;
        }
        LOG.info("NER model {}: engine {} (auto: device {} is the CPU, where ONNX Runtime is the faster engine)", bundle.id(),
                ort.engineDescription(), device);
        return ort;
    }

    private static String normalized(String setting, String fallback) {
        return setting == null || setting.isBlank() ? fallback : setting.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean asksForCuda(String device) {
        return device.startsWith("cuda") || device.startsWith("gpu");
    }

    private static TokenModel pytorch(ModelBundle bundle, Device device) {
        return TokenModel.create(new TokenClassifier(bundle.config(), bundle.scheme().size()), bundle.weights(), device);
    }

    private static OrtTokenModel onnxRuntime(ModelBundle bundle) {
        byte[] onnx = OnnxExport.export(bundle.config(), bundle.weights());
        return OrtTokenModel.create(onnx, bundle.scheme().size(), bundle.config().maxPositions(), 0);
    }
}
