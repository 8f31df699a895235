package org.cnlp.server.vqa;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cnlp.multimodal.image.GreyImage;
import org.cnlp.multimodal.image.ImageLimits;
import org.cnlp.multimodal.image.ImageReadException;
import org.cnlp.multimodal.image.MedicalImages;
import org.cnlp.multimodal.uima.VqaModelId;
import org.cnlp.multimodal.vqa.VqaBundle;
import org.cnlp.multimodal.vqa.VqaPredictor;
import org.cnlp.server.problem.Problem;
import org.cnlp.server.problem.ProblemException;
import org.cnlp.server.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code POST /vqa} answers with: the configured VQA bundle, loaded once when the server
 * starts (with a warm-up question) and closed with it; or the reason there is none (not
 * configured, or it failed to load), which {@link #answer} reports as a 503 problem. A VQA model
 * that fails to load does not stop the annotation pipelines from being served. Thread-safe: the
 * predictor answers one question at a time.
 */
public final class VqaService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VqaService.class);
    private static final String NOT_CONFIGURED = "no VQA model is configured: set cnlp.vqa.model (CNLP_VQA_MODEL) to a VQA bundle"
            + " folder, or install one as <cnlp.models.dir>/vqa (train it with 'cnlp vqa train')";
    private static final int WARM_UP_SIZE = 64;

    private final VqaPredictor predictor;
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2);
    private final String modelId;
    private final String unavailable;
    private final Path folder;

    private VqaService(VqaPredictor predictor, String modelId, String unavailable, Path folder) {
        this.predictor = predictor;
        this.modelId = modelId;
        this.unavailable = unavailable;
        this.folder = folder;
    }

    /** No VQA model configured: every request is answered 503. */
    public static VqaService none() {
        return new VqaService(null, null, NOT_CONFIGURED, null);
    }

    /**
     * Loads the bundle in {@code bundleDir} with its question encoder from {@code modelsDir} (or,
     * without one, the folder beside the bundle) and answers a warm-up question. Never throws: a
     * bundle that does not load gives a service that answers 503 with the reason, which is logged.
     */
    public static VqaService open(Path bundleDir, Optional<Path> modelsDir) {
        long start = System.nanoTime();
        Path models = modelsDir.orElseGet(() -> bundleDir.toAbsolutePath().getParent());
        VqaPredictor predictor = null;
        try {
            String id = VqaModelId.of(bundleDir);
            predictor = VqaPredictor.open(bundleDir, models);
            predictor.answer(new GreyImage(WARM_UP_SIZE, WARM_UP_SIZE, new float[WARM_UP_SIZE * WARM_UP_SIZE]),
                    "Is there an abnormality?");
            VqaBundle bundle = predictor.bundle();
            LOG.info("cnlp VQA model {} ready ({} fusion, {} answers, questions by {}) in {} ms", id, bundle.fusion().id(),
                    bundle.vocabulary().size(), bundle.questionId(), (System.nanoTime() - start) / 1_000_000);
            return new VqaService(predictor, id, null, bundleDir);
        } catch (Exception | LinkageError e) {
            if (predictor != null) {
                predictor.close();
            }
            String reason = "the VQA model in " + bundleDir + " failed to load: " + e.getMessage();
            LOG.error("cnlp {}; POST /vqa answers 503 until it is fixed and the server restarted", reason);
            return new VqaService(null, null, reason, bundleDir);
        }
    }

    /** Whether requests can be answered. */
    public boolean isReady() {
        return predictor != null;
    }

    /** The model as {@code GET /models} shows it; empty when none is configured. */
    public Optional<VqaModelView> view() {
        if (predictor != null) {
            VqaBundle bundle = predictor.bundle();
            return Optional.of(new VqaModelView(VqaModelView.READY, modelId, bundle.fusion().id(), bundle.vocabulary().size(),
                    bundle.questionId(), null));
        }
        return folder == null ? Optional.empty()
                : Optional.of(new VqaModelView(VqaModelView.FAILED, null, null, 0, null, unavailable));
    }

    /**
     * Decodes the image and answers each question.
     *
     * @throws ProblemException 503 without a model; 400 ({@code invalid-image}, with the reason) for an image
     *     that cannot be read, 413 for one over the size limit
     */
    public VqaResponse answer(VqaRequest request) throws ProblemException {
        if (predictor == null) {
            throw new ProblemException(ProblemType.MODEL_UNAVAILABLE, unavailable);
        }
        // Decoding a large image takes hundreds of MB: at most two requests decode and answer at once.
        try {
            if (!inFlight.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new ProblemException(Problem.of(ProblemType.MODEL_UNAVAILABLE,
                        "the VQA model is busy; retry in a few seconds"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(Problem.of(ProblemType.MODEL_UNAVAILABLE, "interrupted while waiting for the VQA model"));
        }
        try {
            MedicalImages.Preview image = decode(request);
            List<VqaPredictor.Answer> predicted = predictor.answer(image.image(), request.questions());
            List<VqaResponse.AnswerView> answers = new ArrayList<>(request.questions().size());
            for (int i = 0; i < predicted.size(); i++) {
                VqaPredictor.Answer answer = predicted.get(i);
                answers.add(new VqaResponse.AnswerView(request.questions().get(i), answer.answer(),
                        Math.round(answer.confidence() * 1e4) / 1e4, answer.closed()));
            }
            return new VqaResponse(modelId, new VqaResponse.ImageView(image.width(), image.height()), answers);
        } finally {
            inFlight.release();
        }
    }

    private static MedicalImages.Preview decode(VqaRequest request) throws ProblemException {
        try {
            return MedicalImages.readPreview(request.image(), request.imageName(), ImageLimits.DEFAULT, VqaPredictor.DECODE_SIDE);
        } catch (ImageReadException e) {
            ProblemType type = e.reason() == ImageReadException.Reason.TOO_LARGE ? ProblemType.TOO_LARGE
                    : ProblemType.INVALID_IMAGE;
            throw new ProblemException(Problem.of(type, e.getMessage()).withReason(e.reason().name()));
        }
    }

    @Override
    public void close() {
        if (predictor != null) {
            predictor.close();
        }
    }
}
