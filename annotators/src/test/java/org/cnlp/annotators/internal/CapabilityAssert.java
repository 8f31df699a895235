package org.cnlp.annotators.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.TypeOrFeature;
import org.apache.uima.cas.Feature;
import org.apache.uima.cas.Type;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.TOP;
import org.apache.uima.resource.metadata.Capability;

/**
 * Checks that an engine's declared output capabilities are exactly what it does to a CAS: the
 * types of the feature structures it creates, and the own features it sets on them or changes on
 * structures that were there before.
 */
public final class CapabilityAssert {

    private CapabilityAssert() {
    }

    /** Runs {@code description} on {@code jcas} and compares what it did with its declared outputs. */
    public static void assertOutputsMatch(AnalysisEngineDescription description, JCas jcas) throws Exception {
        Set<String> declaredTypes = new TreeSet<>();
        Set<String> declaredFeatures = new TreeSet<>();
        for (Capability capability : description.getAnalysisEngineMetaData().getCapabilities()) {
            for (TypeOrFeature output : capability.getOutputs()) {
                (output.isType() ? declaredTypes : declaredFeatures).add(output.getName());
            }
        }
        Map<Integer, Map<String, String>> before = new HashMap<>();
        for (TOP fs : JCasUtil.selectAll(jcas)) {
            before.put(fs._id(), ownFeatureValues(fs));
        }
        AnalysisEngine engine = AnalysisEngineFactory.createEngine(description);
        try {
            engine.process(jcas);
        } finally {
            engine.destroy();
        }
        Set<String> createdTypes = new TreeSet<>();
        Set<String> writtenFeatures = new TreeSet<>();
        for (TOP fs : JCasUtil.selectAll(jcas)) {
            Map<String, String> now = ownFeatureValues(fs);
            Map<String, String> old = before.get(fs._id());
            if (old == null) {
                createdTypes.add(fs.getType().getName());
                now.forEach((feature, value) -> {
                    if (value != null && !value.equals("0") && !value.equals("false") && !value.equals("0.0")) {
                        writtenFeatures.add(feature);
                    }
                });
            } else {
                now.forEach((feature, value) -> {
                    if (!Objects.equals(value, old.get(feature))) {
                        writtenFeatures.add(feature);
                    }
                });
            }
        }
        assertEquals(declaredTypes, createdTypes, "declared output types vs created types");
        assertEquals(declaredFeatures, writtenFeatures, "declared output features vs features written");
    }

    /** The primitive features declared on the structure's own type, as {@code Type:feature} → value. */
    private static Map<String, String> ownFeatureValues(TOP fs) {
        Type type = fs.getType();
        Map<String, String> values = new HashMap<>();
        Set<Feature> seen = new HashSet<>();
        for (Feature f : type.getFeatures()) {
            if (f.getDomain().equals(type) && f.getRange().isPrimitive() && seen.add(f)) {
                values.put(type.getName() + ":" + f.getShortName(), fs.getFeatureValueAsString(f));
            }
        }
        return values;
    }
}
