package org.cnlp.pipeline.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.input.InputRejectedException.Reason;
import org.cnlp.pipeline.vqa.FakeVqaAnnotator;
import org.cnlp.pipeline.vqa.VqaViews;
import org.cnlp.type.DocumentMetadata;
import org.cnlp.type.ImageMetadata;
import org.cnlp.type.VqaQuestion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentSourcesImageTest {

    private static final byte[] JPEG = FakeVqaAnnotator.jpeg();
    private static final String QUESTIONS =
            "\"questions\": [\"Is there an effusion?\", {\"id\": \"q2\", \"question\": \"What organ?\"}]";

    @TempDir
    Path dir;

    private final DocumentSources sources = new DocumentSources(new TextValidator(1_000));

    @Test
    void anImageFileBesideTheJsonIsReadIntoTheAttachment() throws Exception {
        Files.createDirectories(dir.resolve("imgs"));
        Path image = Files.write(dir.resolve("imgs/scan.png"), JPEG);
        Path json = Files.writeString(dir.resolve("case1.json"), "{\"imageFile\": \"imgs/scan.png\", " + QUESTIONS + "}");

        SourceDocument doc = sources.read(json).getFirst();
        ImageAttachment attachment = doc.attachment().orElseThrow();
        assertEquals("case1", doc.id());
        assertEquals("", doc.text());
        assertArrayEquals(JPEG, attachment.bytes());
        assertEquals("scan.png", attachment.imageId());
        assertEquals("image/jpeg", attachment.mimeType(), "by the signature, whatever the name");
        assertEquals(image.toAbsolutePath().normalize(), attachment.file());
        assertEquals(List.of("Is there an effusion?", "What organ?"),
                attachment.questions().stream().map(VqaViews.Question::text).toList());
    }

    @Test
    void theImageFilesOfOneInputAreCappedInAll() throws Exception {
        // Each image is within the 1,000-byte limit; one input may name 8 x 1,000 bytes of them in all.
        for (int i = 0; i < 9; i++) {
            Files.write(dir.resolve("scan" + i + ".jpg"), java.util.Arrays.copyOf(JPEG, 900));
        }
        Path eight = Files.writeString(dir.resolve("eight.json"), documentsNaming(8));
        assertEquals(8, sources.read(eight).size(), "7,200 bytes of images fit");
        Path nine = Files.writeString(dir.resolve("nine.json"), documentsNaming(9));
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> sources.read(nine));
        assertEquals(InputRejectedException.Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("document 'd8'") && e.getMessage().contains("8000 bytes in all"), e.getMessage());
    }

    /** A JSON array of {@code count} documents, the i-th naming {@code scan<i>.jpg}. */
    private static String documentsNaming(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\": \"d").append(i).append("\", \"imageFile\": \"scan").append(i)
                    .append(".jpg\", \"questions\": [\"Q?\"]}");
        }
        return json.append(']').toString();
    }

    @Test
    void anInlineImageTakesItsIdFromImageNameOrTheDocument() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        Path json = Files.writeString(dir.resolve("two.json"), "[{\"id\": \"a\", \"image\": \"" + b64 + "\", "
                + "\"imageName\": \"a.png\", " + QUESTIONS + "}, "
                + "{\"id\": \"b\", \"image\": \"" + b64 + "\", " + QUESTIONS + ", \"text\": \"note\"}]");
        List<SourceDocument> docs = sources.read(json);
        assertEquals("a.png", docs.get(0).image().imageId());
        assertEquals("image/png", docs.get(0).image().mimeType(), "by the name when the signature says nothing");
        assertNull(docs.get(0).image().file());
        assertEquals("b", docs.get(1).image().imageId());
        assertEquals(ImageAttachment.UNKNOWN_TYPE, docs.get(1).image().mimeType());
        assertEquals("note", docs.get(1).text());
    }

    @Test
    void loadingPutsTheImageAndQuestionViewsIntoTheCas() throws Exception {
        Files.write(dir.resolve("case1.jpg"), JPEG);
        Path json = Files.writeString(dir.resolve("case1.json"),
                "{\"imageFile\": \"case1.jpg\", \"text\": \"CXR.\", " + QUESTIONS + "}");
        JCas jcas = JCasFactory.createJCas();
        sources.read(json).getFirst().loadInto(jcas);

        assertEquals("CXR.", jcas.getDocumentText());
        assertEquals("case1", JCasUtil.selectSingle(jcas, DocumentMetadata.class).getDocumentId());
        assertArrayEquals(JPEG, VqaViews.imageBytes(jcas).orElseThrow());
        assertEquals("image/jpeg", VqaViews.imageView(jcas).orElseThrow().getSofaMimeType());
        ImageMetadata metadata = VqaViews.imageMetadata(jcas).orElseThrow();
        assertEquals("case1.jpg", metadata.getImageId());
        assertEquals("image/jpeg", metadata.getMimeType());
        List<VqaQuestion> questions = VqaViews.questions(jcas);
        assertEquals(List.of("Is there an effusion?", "What organ?"),
                questions.stream().map(VqaQuestion::getCoveredText).toList());
        assertNull(questions.get(0).getQuestionId());
        assertEquals("q2", questions.get(1).getQuestionId());
        assertEquals("Is there an effusion?\nWhat organ?", VqaViews.questionView(jcas).orElseThrow().getDocumentText());
    }

    @Test
    void badImageDocumentsAreRejectedNamingTheFile() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("outside.jpg"), JPEG);
        Files.write(dir.resolve("in/empty.jpg"), new byte[0]);
        Files.write(dir.resolve("in/big.jpg"), new byte[1_001]);
        Files.createDirectories(dir.resolve("in/folder.jpg"));
        Files.createSymbolicLink(dir.resolve("in/link.jpg"), dir.resolve("outside.jpg"));

        assertRejected("{\"image\": \"!!\", " + QUESTIONS + "}", Reason.MALFORMED, "/image: not valid base64");
        assertRejected("{\"image\": \"AQID\"}", Reason.MALFORMED, "/questions: missing array");
        assertRejected("{\"image\": \"AQID\", \"questions\": []}", Reason.MALFORMED, "/questions: empty");
        assertRejected("{\"imageFile\": \"../outside.jpg\", " + QUESTIONS + "}", Reason.MALFORMED,
                "/imageFile: must stay inside");
        assertRejected("{\"imageFile\": \"link.jpg\", " + QUESTIONS + "}", Reason.MALFORMED,
                "leads outside the JSON file's folder");
        assertRejected("{\"imageFile\": \"missing.jpg\", " + QUESTIONS + "}", Reason.MALFORMED, "does not exist");
        assertRejected("{\"imageFile\": \"empty.jpg\", " + QUESTIONS + "}", Reason.EMPTY, "is empty");
        assertRejected("{\"imageFile\": \"big.jpg\", " + QUESTIONS + "}", Reason.TOO_LARGE, "exceeds the limit of 1000 bytes");
        assertRejected("{\"imageFile\": \"folder.jpg\", " + QUESTIONS + "}", Reason.MALFORMED, "is not a file");
        Files.writeString(dir.resolve("in/other.json"), "{\"text\": \"another patient\"}");
        Files.createDirectories(dir.resolve("in/.done"));
        Files.write(dir.resolve("in/.done/old.jpg"), JPEG);
        assertRejected("{\"imageFile\": \"other.json\", " + QUESTIONS + "}", Reason.MALFORMED, "is not a .jpg, .jpeg or .png");
        assertRejected("{\"imageFile\": \".done/old.jpg\", " + QUESTIONS + "}", Reason.MALFORMED, "hidden");
        assertRejected("{\"text\": \" \"}", Reason.EMPTY, "has empty text");

        InputRejectedException noFolder = assertThrows(InputRejectedException.class, () -> sources.read("queue/m.json",
                ("{\"imageFile\": \"a.jpg\", " + QUESTIONS + "}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(Reason.MALFORMED, noFolder.reason());
        assertTrue(noFolder.getMessage().contains("send the image inline"), noFolder.getMessage());
    }

    private void assertRejected(String json, Reason reason, String part) throws Exception {
        Path file = Files.writeString(dir.resolve("in/doc.json"), json);
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> sources.read(file), json);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("effusion"), "no question text in messages: " + e.getMessage());
    }

    @Test
    void imageFilesAreNotDocumentsOnTheirOwn() throws Exception {
        Files.writeString(dir.resolve("a.json"), "{\"text\": \"x\"}");
        Files.write(dir.resolve("a.jpg"), JPEG);
        Files.write(dir.resolve("b.PNG"), JPEG);
        Files.write(dir.resolve("c.jpeg"), JPEG);
        assertEquals(List.of(dir.resolve("a.json")), sources.expand(List.of(dir)));

        InputRejectedException alone = assertThrows(InputRejectedException.class, () -> sources.read(dir.resolve("a.jpg")));
        assertEquals(Reason.MALFORMED, alone.reason());
        assertTrue(alone.getMessage().contains("an image is not a document on its own"), alone.getMessage());
        assertTrue(DocumentSources.isImageFile(Path.of("x/Y.JPG")));
        assertFalse(DocumentSources.isImageFile(Path.of("x/y.json")));
    }
}
