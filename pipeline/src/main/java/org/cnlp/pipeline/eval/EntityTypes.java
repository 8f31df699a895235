package org.cnlp.pipeline.eval;

import java.util.Locale;

/**
 * Normalises entity types before evaluation, for gold and predicted mentions alike:
 * NCBI-disease's SpecificDisease, DiseaseClass, Modifier and CompositeMention, BC5CDR's Disease
 * and cnlp's Phenotype become {@value #DISEASE}; Chemical becomes {@value #CHEMICAL}
 * (case-insensitive). Any other type is kept as written and evaluated as a type of its own.
 */
public final class EntityTypes {

    public static final String DISEASE = "Disease";
    public static final String CHEMICAL = "Chemical";

    private EntityTypes() {
    }

    public static String normalise(String type) {
        return switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "specificdisease", "diseaseclass", "modifier", "compositemention", "disease", "phenotype" -> DISEASE;
            case "chemical" -> CHEMICAL;
            default -> type.trim();
        };
    }
}
