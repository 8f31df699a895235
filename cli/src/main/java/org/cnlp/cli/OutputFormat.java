package org.cnlp.cli;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.io.json.CasJsonWriter;
import org.cnlp.pipeline.io.pubtator.PubTatorWriter;
import org.cnlp.pipeline.io.xmi.XmiIo;

/** The formats {@code cnlp annotate} writes. */
enum OutputFormat {
    json(".json", true),
    xmi(".xmi", true),
    pubtator(".pubtator", false);

    private final String extension;
    private final boolean perDocument;

    OutputFormat(String extension, boolean perDocument) {
        this.extension = extension;
        this.perDocument = perDocument;
    }

    String extension() {
        return extension;
    }

    /** One output file per document; otherwise one per input file, documents in input order. */
    boolean perDocument() {
        return perDocument;
    }

    byte[] render(JCas jcas, Set<CasJsonWriter.Include> include, boolean pretty) throws Exception {
        return switch (this) {
            case json -> (new CasJsonWriter(include, pretty).toJson(jcas) + "\n").getBytes(StandardCharsets.UTF_8);
            case xmi -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                XmiIo.write(jcas, out);
                yield out.toByteArray();
            }
            case pubtator -> {
                StringWriter out = new StringWriter();
                PubTatorWriter.write(jcas, out);
                yield out.toString().getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
