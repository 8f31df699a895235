package org.cnlp.pipeline.batch.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.batch.BatchFormat;
import org.cnlp.pipeline.io.json.CasJsonWriter;
import org.cnlp.pipeline.io.xmi.XmiIo;

/** Renders an annotated CAS into the bytes of each output format. Immutable and thread-safe. */
public final class Renderer {

    /** Rendering failed; distinguishes an output problem from an annotation problem. */
    public static final class RenderException extends Exception {
        RenderException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Set<BatchFormat> formats;
    private final CasJsonWriter json;

    public Renderer(Set<BatchFormat> formats, Set<CasJsonWriter.Include> include, boolean pretty) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one output format is needed");
        }
        this.formats = Set.copyOf(EnumSet.copyOf(formats));
        this.json = new CasJsonWriter(include, pretty);
    }

    public Set<BatchFormat> formats() {
        return formats;
    }

    public Map<BatchFormat, byte[]> render(JCas jcas) throws RenderException {
        Map<BatchFormat, byte[]> outputs = new EnumMap<>(BatchFormat.class);
        for (BatchFormat format : formats) {
            try {
                outputs.put(format, switch (format) {
                    case JSON -> (json.toJson(jcas) + "\n").getBytes(StandardCharsets.UTF_8);
                    case XMI -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        XmiIo.write(jcas, out);
                        yield out.toByteArray();
                    }
                });
            } catch (IOException | RuntimeException e) {
                throw new RenderException("rendering " + format.label() + " failed (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        return outputs;
    }
}
