package org.cnlp.multimodal.uima;

import java.util.List;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.cas.CASException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.descriptor.ConfigurationParameter;
import org.apache.uima.fit.descriptor.ExternalResource;
import org.apache.uima.fit.descriptor.TypeCapability;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.factory.ExternalResourceFactory;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.ResourceInitializationException;
import org.cnlp.multimodal.image.GreyImage;
import org.cnlp.multimodal.image.ImageLimits;
import org.cnlp.multimodal.image.ImageReadException;
import org.cnlp.multimodal.image.MedicalImages;
import org.cnlp.multimodal.vqa.VqaPredictor;
import org.cnlp.type.ImageMetadata;
import org.cnlp.type.VqaAnswer;
import org.cnlp.type.VqaQuestion;

/**
 * Answers the questions about the image of a CAS laid out as {@link VqaCas} describes: decodes
 * the image view's bytes (JPEG or PNG, within the size and pixel limits), records its width,
 * height and MIME type in the view's {@link ImageMetadata}, and appends to each
 * {@link VqaQuestion} of the question view one {@link VqaAnswer} of a {@link VqaModelResource}
 * (answer, confidence, model id). A question without an answer type gets the model's reading of
 * it ({@code CLOSED} or {@code OPEN}). A CAS without an image view passes untouched (text-only
 * documents in a mixed pipeline); an image that cannot be read fails the CAS with a
 * {@link VqaImageException} naming the reason.
 */
@TypeCapability(inputs = {"org.cnlp.type.ImageMetadata", "org.cnlp.type.VqaQuestion"},
        outputs = {"org.cnlp.type.ImageMetadata", "org.cnlp.type.ImageMetadata:width", "org.cnlp.type.ImageMetadata:height",
                "org.cnlp.type.ImageMetadata:mimeType", "org.cnlp.type.VqaAnswer", "org.cnlp.type.VqaQuestion:answers",
                "org.cnlp.type.VqaQuestion:answerType"})
public final class VqaAnnotator extends JCasAnnotator_ImplBase {

    public static final String RES_MODEL = "vqaModel";
    @ExternalResource(key = RES_MODEL)
    private VqaModelResource model;

    public static final String PARAM_MAX_IMAGE_BYTES = "maxImageBytes";
    @ConfigurationParameter(name = PARAM_MAX_IMAGE_BYTES, mandatory = false, defaultValue = "33554432",
            description = "Largest encoded image accepted, in bytes (32 MiB).")
    private int maxImageBytes;

    public static final String PARAM_MAX_IMAGE_PIXELS = "maxImagePixels";
    @ConfigurationParameter(name = PARAM_MAX_IMAGE_PIXELS, mandatory = false, defaultValue = "40000000",
            description = "Largest width x height accepted, read from the header before decoding.")
    private int maxImagePixels;

    /**
     * The engine with the VQA bundle in {@code bundleDir} and its question encoder's bundle in
     * {@code modelsDir}; {@code params} are name/value configuration pairs.
     */
    public static AnalysisEngineDescription description(Path bundleDir, Path modelsDir, Object... params)
            throws ResourceInitializationException {
        Object[] withResource = new Object[params.length + 2];
        System.arraycopy(params, 0, withResource, 0, params.length);
        withResource[params.length] = RES_MODEL;
        withResource[params.length + 1] = ExternalResourceFactory.createResourceDescription(VqaModelResource.class,
                VqaModelResource.PARAM_BUNDLE, bundleDir.toAbsolutePath().toString(),
                VqaModelResource.PARAM_MODELS_DIR, modelsDir.toAbsolutePath().toString());
        return AnalysisEngineFactory.createEngineDescription(VqaAnnotator.class, withResource);
    }

    @Override
    public void process(JCas jcas) throws AnalysisEngineProcessException {
        try {
            Optional<JCas> imageView = VqaCas.imageView(jcas);
            if (imageView.isEmpty()) {
                return;
            }
            GreyImage image = read(imageView.get());
            Optional<JCas> questionView = VqaCas.questionView(jcas);
            if (questionView.isPresent()) {
                answer(questionView.get(), image);
            }
        } catch (CASException | VqaImageException e) {
            throw new AnalysisEngineProcessException(e);
        }
    }

    /** Decodes the image view's sofa and records what was decoded in its metadata. */
    private GreyImage read(JCas view) throws CASException, VqaImageException {
        ImageMetadata metadata = VqaCas.imageMetadata(view).orElseGet(() -> {
            ImageMetadata created = new ImageMetadata(view);
            created.addToIndexes();
            return created;
        });
        byte[] bytes = VqaCas.imageBytes(view).orElse(new byte[0]);
        MedicalImages.Preview preview;
        try {
            preview = MedicalImages.readPreview(bytes, metadata.getImageId(), new ImageLimits(maxImageBytes, maxImagePixels),
                    VqaPredictor.DECODE_SIDE);
        } catch (ImageReadException e) {
            throw new VqaImageException(metadata.getImageId(), e);
        }
        metadata.setWidth(preview.width());
        metadata.setHeight(preview.height());
        metadata.setMimeType(mimeType(bytes));
        return preview.image();
    }

    private void answer(JCas view, GreyImage image) throws CASException {
        List<VqaQuestion> questions = VqaCas.questions(view).stream().filter(q -> !q.getCoveredText().isBlank()).toList();
        List<VqaPredictor.Answer> answers = model.predictor().answer(image,
                questions.stream().map(VqaQuestion::getCoveredText).toList());
        for (int i = 0; i < questions.size(); i++) {
            VqaQuestion question = questions.get(i);
            VqaPredictor.Answer predicted = answers.get(i);
            VqaAnswer answer = new VqaAnswer(view);
            answer.setAnswer(predicted.answer());
            answer.setConfidence(predicted.confidence());
            answer.setModelId(model.modelId());
            VqaCas.addAnswer(view, question, answer);
            if (question.getAnswerType() == null || question.getAnswerType().isBlank()) {
                question.setAnswerType(predicted.closed() ? VqaCas.CLOSED : VqaCas.OPEN);
            }
        }
    }

    /** The MIME type of a decoded image: only JPEG and PNG decode. */
    static String mimeType(byte[] decoded) {
        return decoded.length > 1 && decoded[0] == (byte) 0xff && decoded[1] == (byte) 0xd8 ? "image/jpeg" : "image/png";
    }
}
