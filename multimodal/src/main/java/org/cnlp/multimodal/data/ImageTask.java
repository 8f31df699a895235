package org.cnlp.multimodal.data;

import java.util.Arrays;
import java.util.List;

/** The image classification tasks the image encoder is pretrained on, with their class names in label order. */
public enum ImageTask {

    /** MedNIST: modality / body region, the six folder names in alphabetical order. */
    MODALITY("modality", List.of("AbdomenCT", "BreastMRI", "CXR", "ChestCT", "Hand", "HeadCT")),
    /** NIH ChestX-ray14 sample: no finding (0) vs any finding (1). */
    CXR_ABNORMAL("cxr-abnormal", List.of("normal", "abnormal")),
    /** PneumoniaMNIST: normal (0) vs pneumonia (1). */
    PNEUMONIA("pneumonia", List.of("normal", "pneumonia")),
    /** BreastMNIST ultrasound: malignant (0) vs normal or benign (1). */
    BREAST("breast", List.of("malignant", "normal-or-benign"));

    private final String id;
    private final List<String> classNames;

    ImageTask(String id, List<String> classNames) {
        this.id = id;
        this.classNames = classNames;
    }

    /** A short stable name, e.g. {@code cxr-abnormal}. */
    public String id() {
        return id;
    }

    /** The class names; a sample's label is an index into this list. */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The task with this {@link #id()}.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public static ImageTask byId(String id) {
        for (ImageTask task : values()) {
            if (task.id.equals(id)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown image task '" + id + "'; known: "
                + Arrays.stream(values()).map(ImageTask::id).toList());
    }
}
