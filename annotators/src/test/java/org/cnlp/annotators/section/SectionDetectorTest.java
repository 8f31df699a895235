package org.cnlp.annotators.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SectionDetectorTest {

    private static final SectionDetector DETECTOR = new SectionDetector(SectionHeaderTable.bundled());

    private static List<String> names(String text) {
        return DETECTOR.detect(text).stream().map(DetectedSection::name).toList();
    }

    private static List<String> headers(String text) {
        return DETECTOR.detect(text).stream().map(s -> text.substring(s.headerBegin(), s.headerEnd())).toList();
    }

    @Test
    void lineInitialHeadersInUpperTitleAndSentenceCase() {
        String note = """
                CHIEF COMPLAINT: Chest pain.
                History of Present Illness: 58-year-old man with chest pain.
                Past medical history: Hypertension.
                Medications: Lisinopril.
                ALLERGIES: NKDA.
                """;
        assertEquals(List.of("chief_complaint", "hpi", "pmh", "medications", "allergies"), names(note));
        assertEquals(List.of("CHIEF COMPLAINT:", "History of Present Illness:", "Past medical history:", "Medications:",
                "ALLERGIES:"), headers(note));
    }

    @Test
    void sectionRunsFromHeaderToNextHeaderTrimmed() {
        String note = "HPI: Cough for 3 days.\n\nPLAN: Rest.\n";
        List<DetectedSection> sections = DETECTOR.detect(note);
        assertEquals("HPI: Cough for 3 days.", note.substring(sections.get(0).begin(), sections.get(0).end()));
        assertEquals("PLAN: Rest.", note.substring(sections.get(1).begin(), sections.get(1).end()));
    }

    @Test
    void textBeforeTheFirstHeaderIsSectionNone() {
        String note = "Seen in clinic today.\nASSESSMENT: Stable.";
        List<DetectedSection> sections = DETECTOR.detect(note);
        assertEquals("none", sections.getFirst().name());
        assertEquals("Seen in clinic today.", note.substring(sections.getFirst().begin(), sections.getFirst().end()));
        assertEquals(sections.getFirst().begin(), sections.getFirst().headerEnd());
        assertEquals(List.of("none", "assessment"), names(note));
        assertEquals(List.of("plan"), names("  \n PLAN: Rest."));
    }

    @Test
    void documentWithoutHeadersIsOneNoneSectionAndBlankHasNone() {
        assertEquals(List.of("none"), names("The patient is doing well."));
        assertEquals(List.of(), names(" \n\n "));
    }

    @Test
    void mtsamplesInlineHeaders() {
        String note = "SUBJECTIVE:,  This 23-year-old white female presents with allergies.,MEDICATIONS: , Her only "
                + "medication is Allegra.,ALLERGIES: , None.,OBJECTIVE:,Vitals:  Weight was 130 pounds.,HEENT:  Throat "
                + "clear.,Neck:  Supple.,ASSESSMENT:,  Allergic rhinitis.,PLAN:,1.  Zyrtec.";
        assertEquals(List.of("subjective", "medications", "allergies", "exam", "exam", "assessment", "plan"), names(note));
        List<DetectedSection> sections = DETECTOR.detect(note);
        String medications = note.substring(sections.get(1).begin(), sections.get(1).end());
        assertEquals("MEDICATIONS: , Her only medication is Allegra.", medications);
    }

    @Test
    void mtsamplesHeadersWithoutColon() {
        String note = "PREOPERATIVE DIAGNOSES,Airway obstruction.,MEDICATIONS,Right now include:,1.  Methadone.";
        assertEquals(List.of("diagnosis", "medications"), names(note));
        assertEquals(List.of("PREOPERATIVE DIAGNOSES", "MEDICATIONS"), headers(note));
        assertEquals(List.of("none"), names("CT, MRI, HEENT, NECK and 2-D ECHOCARDIOGRAM,normal."));
    }

    @Test
    void allCapsLinesWithoutColon() {
        String note = "HISTORY OF PRESENT ILLNESS\nShe has a cough.\n\nPHYSICAL EXAMINATION\nLungs clear.\nPlan\nRest.";
        assertEquals(List.of("hpi", "exam", "plan"), names(note));
        assertEquals(List.of("HISTORY OF PRESENT ILLNESS", "PHYSICAL EXAMINATION", "Plan"), headers(note));
    }

    @Test
    void upperCaseHeaderAfterASentenceEnd() {
        assertEquals(List.of("hpi", "plan"), names("HPI: Doing well. PLAN: Continue aspirin."));
        assertEquals(List.of("hpi"), names("HPI: Doing well. Plan: continue aspirin."));
    }

    @Test
    void normalisesSynonymsAndKeywords() {
        assertEquals(List.of("pmh", "psh", "family_history", "social_history", "ros", "labs", "imaging",
                "assessment_plan", "impression", "diagnosis", "procedure", "hospital_course", "discharge", "other"),
                names("""
                        PMH: asthma
                        Past Surgical History: appendectomy
                        FHx: diabetes
                        SOCIAL HISTORY: no tobacco
                        Review of Systems: negative
                        LABORATORY DATA: normal
                        IMAGING: CXR clear
                        A/P: stable
                        IMPRESSION: normal
                        PREOPERATIVE DIAGNOSIS (ES): cholelithiasis
                        DESCRIPTION OF THE OPERATIVE PROCEDURE: as follows
                        BRIEF HOSPITAL COURSE: uneventful
                        Discharge Instructions: rest
                        ESTIMATED BLOOD LOSS: 50 mL
                        """));
    }

    @Test
    void unknownUpperCaseHeaderIsOther() {
        assertEquals(List.of("hpi", "other"), names("HPI: ok\nMISCELLANEOUS/EATING HISTORY: snacks"));
        assertEquals(List.of("other"), names("2-D M-MODE: , ,1.  Normal."));
    }

    @Test
    void subheadingsAndOrdinaryColonsStartNoSection() {
        assertEquals(List.of("exam"), names("PHYSICAL EXAM:\nHEENT: normal.\nNeck: supple.\nBP: 120/80\nLungs: clear."));
        assertEquals(List.of("none"), names("Seen at 10:30 today. The plan was: rest, fluids. Dear Dr. Smith: thanks."));
        assertEquals(List.of("none"), names("He takes the following: aspirin."));
        assertEquals(List.of("none"), names("Radical prostatectomy: done.\nCT scan of abdomen and pelvis: normal."));
    }

    @Test
    void windowsLineEnds() {
        String note = "HPI: cough\r\nPLAN: rest\r\n";
        assertEquals(List.of("hpi", "plan"), names(note));
        assertTrue(DETECTOR.detect(note).stream().allMatch(s -> !note.substring(s.begin(), s.end()).endsWith("\r")));
    }
}
