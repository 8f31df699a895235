package org.cnlp.pipeline.io.pubtator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnlp.pipeline.io.DocumentFormatException;
import org.cnlp.pipeline.io.pubtator.PubTatorDocument.Mention;
import org.junit.jupiter.api.Test;

class PubTatorReaderTest {

    private static final String NCBI_LIKE = """

            100|t|Breast cancer genes.
            100|a|Carriers of BRCA1 have breast and ovarian cancer and G6PD deficiency.
            100\t0\t13\tBreast cancer\tSpecificDisease\t D001943
            100\t44\t69\tbreast and ovarian cancer\tCompositeMention\tD001943+D010051
            100\t74\t89\tG6PD deficiency\tSpecificDisease\tD005955|OMIM:300908\t
            100\t0\t6\tBreast\tModifier\t-1

            200|t|Short.
            200|a|
            """;

    private static final String BC5CDR_LIKE = "300|t|Lithium toxicity.\r\n"
            + "300|a|Cardiovascular, and respiratory depression.\r\n"
            + "300\t0\t7\tLithium\tChemical\tD008094\r\n"
            + "300\t18\t60\tCardiovascular, and respiratory depression\tDisease\tD002318|D012131\tcardiovascular depression|respiratory depression\r\n"
            + "300\tCID\tD008094\tD002318\r\n";

    @Test
    void readsTitleAbstractAndMentions() throws Exception {
        List<PubTatorDocument> documents = PubTatorReader.parse(NCBI_LIKE, "ncbi");

        assertEquals(2, documents.size());
        PubTatorDocument first = documents.get(0);
        assertEquals("100", first.pmid());
        assertEquals("Breast cancer genes. Carriers of BRCA1 have breast and ovarian cancer and G6PD deficiency.", first.text());
        assertEquals(20, first.titleEnd());
        assertEquals(List.of(
                new Mention(0, 13, "Breast cancer", "SpecificDisease", List.of("D001943")),
                new Mention(44, 69, "breast and ovarian cancer", "CompositeMention", List.of("D001943", "D010051")),
                new Mention(74, 89, "G6PD deficiency", "SpecificDisease", List.of("D005955", "OMIM:300908")),
                new Mention(0, 6, "Breast", "Modifier", List.of())), first.mentions());

        PubTatorDocument second = documents.get(1);
        assertEquals("Short. ", second.text());
        assertEquals(List.of(), second.mentions());
    }

    @Test
    void skipsRelationLinesExtraColumnsAndCarriageReturns() throws Exception {
        PubTatorDocument document = PubTatorReader.parse(BC5CDR_LIKE, "cdr").get(0);

        assertEquals("Lithium toxicity. Cardiovascular, and respiratory depression.", document.text());
        assertEquals(2, document.mentions().size());
        assertEquals(List.of("D002318", "D012131"), document.mentions().get(1).ids());
    }

    @Test
    void acceptsABlockWithoutAbstractLine() throws Exception {
        PubTatorDocument document = PubTatorReader.parse("7|t|Gout.\n7\t0\t4\tGout\tDisease\tD006073\n", "x").get(0);

        assertEquals("", document.abstractText());
        assertEquals("Gout", document.mentions().get(0).text());
    }

    @Test
    void malformedBlocksNameTheLineAndAreSkipped() throws Exception {
        String content = """
                1|t|Fine title.
                1|a|Fine abstract.

                2|t|Secret patient words.
                2|a|More.
                2\t0\t6\tSecreX\tDisease\tD1

                3|t|Third.
                3\t0\t5\tThird\tDisease
                """;
        try (PubTatorReader reader = new PubTatorReader(new StringReader(content), "corpus.txt")) {
            assertEquals("1", reader.next().orElseThrow().pmid());
            DocumentFormatException e = assertThrows(DocumentFormatException.class, reader::next);
            assertEquals("corpus.txt:6: mention text differs from the document text at 0-6", e.getMessage());
            PubTatorDocument third = reader.next().orElseThrow();
            assertEquals("3", third.pmid());
            assertEquals(List.of(), third.mentions().get(0).ids());
            assertEquals(Optional.empty(), reader.next());
        }
    }

    @Test
    void reportsEachKindOfMalformedLine() {
        assertError("1|x|no title\n", "f:1: expected a title line 'PMID|t|title'");
        assertError("\n\n1\t0\t1\tA\tDisease\n", "f:3: expected a title line 'PMID|t|title'");
        assertError("1|t|Abc.\n1|a|Def.\n2\t0\t3\tAbc\tDisease\tD1\n", "f:3: annotation line of another PMID inside the block of PMID 1");
        assertError("1|t|Abc.\n1|a|Def.\n1\t0\t3\tAbc\n", "f:3: mention line needs at least 5 tab-separated columns, found 4");
        assertError("1|t|Abc.\n1|a|Def.\n1\t0\t30\tAbc\tDisease\n", "f:3: mention span 0-30 outside the text of PMID 1 (length 9)");
        assertError("1|t|Abc.\n1|a|Def.\n1\t2\t2\t\tDisease\n", "f:3: mention span 2-2 outside the text of PMID 1 (length 9)");
        assertError("1|t|Abc.\n1|a|Def.\n1\t0\tx\tAbc\tDisease\n", "f:3: mention end offset is not a number");
        assertError("1|t|Abc.\n1|a|Def.\n1\t0\t3\tAbc\t \n", "f:3: mention type is empty");
        assertError("1|t|Abc.\n1|a|Def.\njunk\n", "f:3: expected a tab-separated mention or relation line of PMID 1");
    }

    @Test
    void parsesIdColumns() {
        assertEquals(List.of("D001943"), Mention.parseIds(" D001943"));
        assertEquals(List.of("OMIM:106210"), Mention.parseIds("OMIM:106210 "));
        assertEquals(List.of("D015862", "D058499"), Mention.parseIds(" D015862+D058499"));
        assertEquals(List.of("D001943", "D010051"), Mention.parseIds("D001943|D010051"));
        assertEquals(List.of(), Mention.parseIds("-1"));
        assertEquals(List.of(), Mention.parseIds(""));
    }

    /** Every mention of both development sets lies at its offsets in title + " " + abstract. */
    @Test
    void developmentSetOffsetsMatchTheText() throws Exception {
        assertOffsetsMatch("../corpora-samples/ncbi-disease/NCBIdevelopset_corpus.txt", 100, 787);
        assertOffsetsMatch("../corpora-samples/bc5cdr/CDR_DevelopmentSet.PubTator.txt", 500, 9591);
    }

    @Test
    void ncbiTrainingSetHoldsPmid8528200Twice() throws Exception {
        List<PubTatorDocument> documents = PubTatorReader.readAll(Path.of("../corpora-samples/ncbi-disease/NCBItrainset_corpus.txt"));

        assertEquals(593, documents.size());
        List<PubTatorDocument> twice = documents.stream().filter(d -> d.pmid().equals("8528200")).toList();
        assertEquals(2, twice.size());
        assertEquals(twice.get(0).text(), twice.get(1).text());
        Mention padded = documents.stream().filter(d -> d.pmid().equals("10923035")).findFirst().orElseThrow()
                .mentions().stream().filter(m -> m.begin() == 711).findFirst().orElseThrow();
        assertEquals("generalized epilepsy and febrile seizures \" plus \"", padded.text(),
                "the column text has two stray trailing spaces: the offsets win");
    }

    /**
     * Checks the raw mention lines of {@code file}, split here independently of the reader,
     * against the text the reader builds: the column text must equal the text at the offsets.
     */
    private static void assertOffsetsMatch(String file, int documents, int mentions) throws Exception {
        Map<String, String> textByPmid = new HashMap<>();
        for (PubTatorDocument document : PubTatorReader.readAll(Path.of(file))) {
            assertEquals(document.title() + " " + document.abstractText(), document.text());
            assertNull(textByPmid.put(document.pmid(), document.text()), "PMIDs are unique in " + file);
        }
        int checked = 0;
        for (String line : Files.readAllLines(Path.of(file))) {
            String[] fields = line.split("\t");
            if (fields.length >= 5 && fields[1].matches("\\d+")) {
                String text = textByPmid.get(fields[0]);
                int begin = Integer.parseInt(fields[1]);
                int end = Integer.parseInt(fields[2]);
                assertEquals(fields[3], text.substring(begin, end), () -> file + " PMID " + fields[0] + " " + begin + "-" + end);
                checked++;
            }
        }
        assertEquals(documents, textByPmid.size(), file);
        assertEquals(mentions, checked, file);
    }

    private static void assertError(String content, String message) {
        DocumentFormatException e = assertThrows(DocumentFormatException.class, () -> PubTatorReader.parse(content, "f"));
        assertEquals(message, e.getMessage());
    }
}
