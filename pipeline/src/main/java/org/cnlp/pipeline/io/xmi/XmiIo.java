package org.cnlp.pipeline.io.xmi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.uima.cas.TypeSystem;
import org.apache.uima.cas.impl.XmiCasDeserializer;
import org.apache.uima.cas.impl.XmiCasSerializer;
import org.apache.uima.fit.factory.TypeSystemDescriptionFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.resource.ResourceInitializationException;
import org.apache.uima.util.TypeSystemUtil;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * UIMA XMI (XML Metadata Interchange) in and out, the CAS format that standard UIMA tools
 * (CAS Editor, the Annotation Viewer, DKPro, INCEpTION imports) open together with the type
 * system descriptor written by {@link #writeTypeSystem(Path)}.
 *
 * <p>The whole CAS is written, all views included (text, image, question). Stateless and
 * thread-safe; streams are neither closed nor owned.
 */
public final class XmiIo {

    private XmiIo() {
    }

    /** Writes the CAS holding {@code jcas} (all views) as indented XMI 1.0 in UTF-8. */
    public static void write(JCas jcas, OutputStream out) throws IOException {
        try {
            XmiCasSerializer.serialize(jcas.getCas(), jcas.getTypeSystem(), out, true, null);
        } catch (SAXException e) {
            throw new IOException("cannot write XMI", e);
        }
    }

    /**
     * Replaces the content of the CAS holding {@code jcas} by the XMI read from {@code in}.
     * The CAS's type system must contain every type the XMI uses.
     *
     * @param source names the input in error messages
     * @throws DocumentFormatException when the input is not well-formed XMI for this type system;
     *                                 the CAS is then reset
     */
    public static void read(InputStream in, String source, JCas jcas) throws IOException, DocumentFormatException {
        jcas.reset();
        try {
            XmiCasDeserializer.deserialize(in, jcas.getCas(), false);
        } catch (SAXParseException e) {
            jcas.reset();
            throw new DocumentFormatException(source + ": malformed XMI at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber());
        } catch (SAXException e) {
            jcas.reset();
            throw new DocumentFormatException(source + ": not XMI for the cnlp type system ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@link #read(InputStream, String, JCas)} with source name {@code "xmi"}. */
    public static void read(InputStream in, JCas jcas) throws IOException, DocumentFormatException {
        read(in, "xmi", jcas);
    }

    /**
     * Writes the type system descriptor of the types found on the classpath through
     * {@code META-INF/org.apache.uima.fit/types.txt} (the cnlp types and any others), so that CAS
     * viewers can open XMI files written next to it.
     */
    public static void writeTypeSystem(Path file) throws IOException {
        try {
            writeDescription(TypeSystemDescriptionFactory.createTypeSystemDescription(), file);
        } catch (ResourceInitializationException e) {
            throw new IOException("cannot load the type system descriptors from the classpath", e);
        }
    }

    /** Writes a descriptor for exactly the types of {@code typeSystem} (built-in types excluded). */
    public static void writeTypeSystem(TypeSystem typeSystem, Path file) throws IOException {
        writeDescription(TypeSystemUtil.typeSystem2TypeSystemDescription(typeSystem), file);
    }

    private static void writeDescription(TypeSystemDescription description, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            description.toXML(out);
        } catch (SAXException e) {
            throw new IOException("cannot write the type system descriptor " + file.getFileName(), e);
        }
    }
}
