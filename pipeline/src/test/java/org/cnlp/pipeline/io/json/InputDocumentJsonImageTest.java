package org.cnlp.pipeline.io.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.InputDocument;
import org.cnlp.pipeline.io.InputImage;
import org.cnlp.pipeline.vqa.VqaViews;
import org.junit.jupiter.api.Test;

class InputDocumentJsonImageTest {

    private static final byte[] BYTES = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x10, (byte) 0xfb, (byte) 0xef, 0x3e};
    private static final String B64 = Base64.getEncoder().encodeToString(BYTES);

    @Test
    void anInlineImageWithQuestionsIsRead() throws Exception {
        InputDocument doc = InputDocumentJson.parse("""
                {"id": "case1", "image": "%s", "imageName": "case1.jpg",
                 "questions": ["Is there a pleural\\neffusion?",
                               {"id": "q2", "question": "What organ is shown?", "answerType": "open"}],
                 "text": "CXR, follow-up.", "metadata": {"site": "A"}}
                """.formatted(B64), "f").getFirst();
        InputImage image = doc.image();
        assertEquals("case1", doc.id());
        assertEquals("CXR, follow-up.", doc.text());
        assertEquals(Map.of("site", "A"), doc.metadata());
        assertArrayEquals(BYTES, image.bytes());
        assertFalse(image.inFile());
        assertEquals("case1.jpg", image.name());
        assertEquals(List.of(new VqaViews.Question("Is there a pleural effusion?", null, null),
                new VqaViews.Question("What organ is shown?", "q2", VqaViews.OPEN)), image.questions());
    }

    @Test
    void textIsOptionalWithAnImageAndBase64MayBeWrappedUrlSafeOrADataUrl() throws Exception {
        String wrapped = B64.substring(0, 4) + "\n" + B64.substring(4);
        String urlSafe = Base64.getUrlEncoder().encodeToString(BYTES);
        assertTrue(urlSafe.contains("-") || urlSafe.contains("_"), "the sample exercises the URL-safe alphabet");
        for (String encoded : List.of(wrapped, urlSafe, "data:image/jpeg;base64," + B64)) {
            InputDocument doc = InputDocumentJson.parse("{\"image\": \"" + encoded.replace("\n", "\\n")
                    + "\", \"questions\": [\"Is it normal?\"]}", "case").getFirst();
            assertEquals("case", doc.id());
            assertEquals("", doc.text());
            assertArrayEquals(BYTES, doc.image().bytes(), encoded);
            assertNull(doc.image().name());
        }
        assertNull(InputDocumentJson.parse("{\"text\": \"plain note\"}", "n").getFirst().image());
    }

    @Test
    void anImageFileIsKeptAsARelativePathForTheReader() throws Exception {
        InputImage image = InputDocumentJson.parse("{\"imageFile\": \"imgs/case1.jpg\", \"questions\": [\"Fracture?\"]}", "c")
                .getFirst().image();
        assertTrue(image.inFile());
        assertEquals("imgs/case1.jpg", image.file());
        assertNull(image.bytes());
    }

    @Test
    void badImageDocumentsFailNamingTheSourceAndPathButNotTheQuestion() {
        String q = "[\"Secret question?\"]";
        assertFails("{\"image\": \"not base64!\", \"questions\": " + q + "}", "src: /image: not valid base64");
        assertFails("{\"image\": \"\", \"questions\": " + q + "}", "src: /image: empty image");
        assertFails("{\"image\": \"data:image/png,abc\", \"questions\": " + q + "}", "src: /image: a data URL must be base64");
        assertFails("{\"image\": \"" + B64 + "\"}", "src: /questions: missing array");
        assertFails("{\"image\": \"" + B64 + "\", \"questions\": []}",
                "src: /questions: empty; an image needs at least one question");
        assertFails("{\"image\": \"" + B64 + "\", \"questions\": [\"  \"]}", "src: /questions/0: blank question");
        assertFails("{\"image\": \"" + B64 + "\", \"questions\": [3]}", "src: /questions/0: expected a question string");
        assertFails("{\"image\": \"" + B64 + "\", "
                        + "\"questions\": [{\"question\": \"Secret question?\", \"answerType\": \"maybe\"}]}",
                "src: /questions/0/answerType: expected CLOSED or OPEN");
        assertFails("{\"text\": \"note\", \"questions\": " + q + "}", "src: /questions: needs an image");
        assertFails("{\"image\": \"" + B64 + "\", \"imageFile\": \"a.jpg\", \"questions\": " + q + "}",
                "src: /imageFile: give the image either inline");
        assertFails("{\"imageFile\": \"../up.jpg\", \"questions\": " + q + "}", "src: /imageFile: must stay inside");
        assertFails("{\"imageFile\": \"a/../../up.jpg\", \"questions\": " + q + "}", "src: /imageFile: must stay inside");
        assertFails("{\"imageFile\": \"/etc/passwd\", \"questions\": " + q + "}", "src: /imageFile: must be a path relative");
        assertFails("[{\"text\": \"ok\"}, {\"image\": \"%%%\", \"questions\": " + q + "}]", "src: /1/image: not valid base64");
    }

    private static void assertFails(String json, String expectedStart) {
        DocumentFormatException e = assertThrows(DocumentFormatException.class, () -> InputDocumentJson.parse(json, "src"));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
    }
}
