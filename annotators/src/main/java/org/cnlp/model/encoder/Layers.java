package org.cnlp.model.encoder;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.SequencedMap;

/** Block factories and parameter naming shared by the encoder's blocks. */
final class Layers {

    private Layers() {}

    /** LayerNorm over the last axis of {@code [batch, tokens, hidden]}, epsilon from the config. */
    static LayerNorm layerNorm(BertConfig config) {
        return LayerNorm.builder().axis(2).optEpsilon(config.layerNormEps()).build();
    }

    static Linear linear(int units) {
        return Linear.builder().setUnits(units).optBias(true).build();
    }

    static void collectLinear(String prefix, Linear linear, SequencedMap<String, Parameter> out) {
        out.put(prefix + ".weight", linear.getParameters().get("weight"));
        out.put(prefix + ".bias", linear.getParameters().get("bias"));
    }

    static void collectNorm(String prefix, LayerNorm norm, SequencedMap<String, Parameter> out) {
        out.put(prefix + ".weight", norm.getParameters().get("gamma"));
        out.put(prefix + ".bias", norm.getParameters().get("beta"));
    }
}
