package org.cnlp.annotators.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SectionHeaderTableTest {

    @Test
    void normalisesHeaderText() {
        assertEquals("preoperative diagnosis", SectionHeaderTable.normalize("PREOPERATIVE DIAGNOSIS (ES)"));
        assertEquals("a p", SectionHeaderTable.normalize("A/P"));
        assertEquals("past medical history", SectionHeaderTable.normalize("  Past  Medical-History "));
    }

    @Test
    void bundledTableCoversTheRequiredNames() {
        Set<String> names = SectionHeaderTable.bundled().sectionNames();
        for (String required : List.of("chief_complaint", "hpi", "pmh", "psh", "medications", "allergies",
                "family_history", "social_history", "ros", "exam", "labs", "imaging", "assessment", "plan",
                "assessment_plan", "impression", "diagnosis", "procedure", "hospital_course", "discharge",
                "subjective", "other")) {
            assertTrue(names.contains(required), required);
        }
    }

    @Test
    void parsesExactSubheadingAndKeywordLines() {
        SectionHeaderTable table = SectionHeaderTable.parse(List.of("Hx\thpi", "neck\t-", "@diagnosis\tdiagnosis"));
        assertEquals(Optional.of("hpi"), table.exactName("hx"));
        assertTrue(table.isSubheading("neck"));
        assertEquals(Optional.empty(), table.exactName("neck"));
        assertEquals(Optional.of("diagnosis"), table.keywordName("final pathology diagnosis"));
        assertEquals(Optional.empty(), table.keywordName("diagnostic"));
    }

    @Test
    void rejectsMalformedLines() {
        assertThrows(IllegalArgumentException.class, () -> SectionHeaderTable.parse(List.of("no tab here")));
    }
}
