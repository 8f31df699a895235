package org.cnlp.pipeline.io.xmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.uima.UIMAFramework;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.impl.XmiCasDeserializer;
import org.apache.uima.fit.factory.TypeSystemDescriptionFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;
import org.apache.uima.util.XMLInputSource;
import org.cnlp.pipeline.io.CasFixtures;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.json.CasJsonWriter;
import org.cnlp.type.ClinicalEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmiIoTest {

    private static final CasJsonWriter JSON = new CasJsonWriter(EnumSet.allOf(CasJsonWriter.Include.class));

    @Test
    void roundTripKeepsEveryAnnotationAndFeature() throws Exception {
        JCas original = CasFixtures.annotatedNote();
        JCas copy = CasFixtures.emptyJCas();
        XmiIo.read(new ByteArrayInputStream(xmi(original)), copy);

        assertEquals(JSON.toJson(original), JSON.toJson(copy));
    }

    @Test
    void keepsOtherViews() throws Exception {
        JCas original = CasFixtures.annotatedNote();
        original.createView("question").setDocumentText("Is there a fracture?");
        JCas copy = CasFixtures.emptyJCas();
        XmiIo.read(new ByteArrayInputStream(xmi(original)), copy);

        assertEquals("Is there a fracture?", copy.getView("question").getDocumentText());
    }

    @Test
    void parsesWithAFreshCasFromTheDiscoveredTypeSystem() throws Exception {
        byte[] xmi = xmi(CasFixtures.annotatedNote());
        CAS fresh = CasCreationUtils.createCas(TypeSystemDescriptionFactory.createTypeSystemDescription(), null, null);
        XmiCasDeserializer.deserialize(new ByteArrayInputStream(xmi), fresh, false);

        assertEquals(CasFixtures.NOTE, fresh.getDocumentText());
        assertEquals(3, fresh.getAnnotationIndex(fresh.getTypeSystem().getType(ClinicalEntity._TypeName)).size());
    }

    @Test
    void writtenTypeSystemDescriptorLoadsTheXmi(@TempDir Path dir) throws Exception {
        JCas original = CasFixtures.annotatedNote();
        Path discovered = dir.resolve("TypeSystem.xml");
        Path exact = dir.resolve("ExactTypeSystem.xml");
        XmiIo.writeTypeSystem(discovered);
        XmiIo.writeTypeSystem(original.getTypeSystem(), exact);
        byte[] xmi = xmi(original);

        for (Path descriptor : new Path[] {discovered, exact}) {
            TypeSystemDescription description = UIMAFramework.getXMLParser()
                    .parseTypeSystemDescription(new XMLInputSource(descriptor.toFile()));
            CAS cas = CasCreationUtils.createCas(description, null, null);
            XmiCasDeserializer.deserialize(new ByteArrayInputStream(xmi), cas, false);
            assertEquals(CasFixtures.NOTE, cas.getDocumentText(), descriptor.getFileName().toString());
        }
        assertTrue(Files.readString(discovered).contains("org.cnlp.type.ClinicalEntity"));
    }

    @Test
    void malformedXmiIsAFormatErrorAndLeavesAnEmptyCas() throws Exception {
        JCas jcas = CasFixtures.annotatedNote();
        String broken = new String(xmi(CasFixtures.annotatedNote()), StandardCharsets.UTF_8).replace("</xmi:XMI>", "");
        try (InputStream in = new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8))) {
            DocumentFormatException e = assertThrows(DocumentFormatException.class, () -> XmiIo.read(in, "note.xmi", jcas));
            assertTrue(e.getMessage().startsWith("note.xmi: malformed XMI at line "), e.getMessage());
        }
        assertNull(jcas.getDocumentText());
    }

    private static byte[] xmi(JCas jcas) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmiIo.write(jcas, out);
        return out.toByteArray();
    }
}
