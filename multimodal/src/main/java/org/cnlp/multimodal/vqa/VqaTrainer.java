package org.cnlp.multimodal.vqa;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cnlp.model.embed.SentenceEmbedder;
import org.cnlp.model.ner.ModelBundle;
import org.cnlp.multimodal.data.ImageCorpus;
import org.cnlp.multimodal.data.VqaItem;
import org.cnlp.multimodal.data.VqaRad;
import org.cnlp.multimodal.encoder.ImageEncoder;
import org.cnlp.multimodal.encoder.ImagePretraining;
import org.cnlp.multimodal.nn.ParameterSet;

/**
 * What {@code cnlp vqa train} does: pretrain the image encoder on the labelled image sets, encode
 * VQA-RAD's questions (the NER student's encoder) and images (the frozen image encoder), carve
 * the validation split by image, train the two baselines and the two fusions on the same
 * features, score them on closed and open validation questions, and write the chosen fusion as
 * a {@link VqaBundle}.
 */
public final class VqaTrainer {

    /**
     * @param imagesDir         corpora-samples/images (image sets and {@code vqa-rad/})
     * @param questionBundle    the NER bundle whose encoder reads questions
     * @param output            the bundle folder to write
     * @param fusion            the fusion written to the bundle
     * @param validationFraction the share of VQA-RAD images held out
     * @param encoder           image-encoder pretraining settings
     * @param vqa               fusion training settings
     */
    public record Settings(Path imagesDir, Path questionBundle, Path output, VqaModel.Fusion fusion, double validationFraction,
            ImagePretraining.Settings encoder, VqaTraining.Settings vqa) {}

    /** What the run measured. */
    public record Report(List<ImagePretraining.TaskResult> imageTasks, Map<VqaModel.Fusion, VqaScores> validation,
            int trainQuestions, int validationQuestions, int trainImages, int validationImages, int answers) {

        /** A text table: image tasks, then the VQA variants. */
        public String toTable() {
            StringBuilder out = new StringBuilder("Image encoder, validation accuracy per task:\n");
            for (ImagePretraining.TaskResult task : imageTasks) {
                out.append(String.format(Locale.ROOT, "  %-14s %.4f (majority class %.4f; %d train, %d validation)%n",
                        task.task().id(), task.accuracy(), task.majority(), task.train(), task.validation()));
            }
            out.append(String.format(Locale.ROOT, "VQA-RAD validation (%d questions on %d images; trained on %d questions, %d images;"
                    + " %d answers):%n", validationQuestions, validationImages, trainQuestions, trainImages, answers));
            validation.forEach((fusion, scores) -> out.append(String.format(Locale.ROOT, "  %-14s %s%n", fusion.id(),
                    scores.summary())));
            return out.toString();
        }
    }

    private VqaTrainer() {}

    /** Runs everything; the bundle is written to {@code settings.output()}. */
    public static Report run(Settings settings, PrintStream progress) throws IOException {
        ModelBundle questionBundle = ModelBundle.open(settings.questionBundle());
        Engine.getEngine("PyTorch").setRandomSeed((int) settings.encoder().seed());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                SentenceEmbedder questionEncoder = QuestionEncoders.open(questionBundle)) {
            progress.println("Loading the labelled images of " + settings.imagesDir() + " ...");
            ImageCorpus corpus = ImageCorpus.load(settings.imagesDir(), ImageEncoder.SIZE, progress);
            progress.println(corpus.describe());
            ParameterSet imageParameters = new ParameterSet(manager, settings.encoder().seed());
            ImageEncoder imageEncoder = new ImageEncoder(imageParameters);
            ImagePretraining.addHeads(imageParameters);
            List<ImagePretraining.TaskResult> tasks = ImagePretraining.train(corpus, imageEncoder, imageParameters, manager,
                    settings.encoder(), progress);
            imageParameters.freeze();

            Path vqaDir = settings.imagesDir().resolve("vqa-rad");
            List<VqaItem> items = VqaRad.read(vqaDir.resolve("trainset.json"));
            VqaRad.Split split = VqaRad.splitByImage(items, settings.validationFraction(), settings.vqa().seed());
            progress.println("Encoding " + items.size() + " VQA-RAD questions and their images ...");
            VqaFeatures features = VqaFeatures.compute(items, vqaDir.resolve("images"), questionEncoder, imageEncoder, manager,
                    progress);
            AnswerVocabulary vocabulary = AnswerVocabulary.of(split.train());

            Map<VqaModel.Fusion, VqaScores> scores = new LinkedHashMap<>();
            org.cnlp.model.weights.WeightSet chosenWeights = null;
            for (VqaModel.Fusion fusion : VqaModel.Fusion.values()) {
                try (ParameterSet parameters = new ParameterSet(manager, settings.vqa().seed())) {
                    VqaModel model = new VqaModel(parameters, fusion, questionEncoder.dimension(), settings.vqa().hidden(),
                            vocabulary.size());
                    VqaTraining.train(model, parameters, split.train(), features, vocabulary, manager, settings.vqa(), progress);
                    VqaScores result = VqaTraining.evaluate(model, split.validation(), features, vocabulary, manager);
                    scores.put(fusion, result);
                    progress.println("VQA " + fusion.id() + ": " + result.summary());
                    if (fusion == settings.fusion()) {
                        Map<String, org.cnlp.model.weights.HostTensor> all = new LinkedHashMap<>();
                        all.putAll(imageParameters.export("image.").asMap());
                        all.putAll(parameters.export("").asMap());
                        chosenWeights = org.cnlp.model.weights.WeightSet.of(all);
                    }
                }
            }
            Report report = new Report(tasks, scores, split.train().size(), split.validation().size(), images(split.train()),
                    images(split.validation()), vocabulary.size());
            if (chosenWeights != null) {
                new VqaBundle(settings.fusion(), settings.vqa().hidden(), vocabulary, questionBundle.name(), questionBundle.id(),
                        chosenWeights, metrics(report, settings)).write(settings.output());
                progress.println("Wrote the " + settings.fusion().id() + " model to " + settings.output());
            }
            return report;
        }
    }

    private static int images(List<VqaItem> items) {
        return (int) items.stream().map(VqaItem::imageName).distinct().count();
    }

    private static ObjectNode metrics(Report report, Settings settings) {
        ObjectNode metrics = new ObjectMapper().createObjectNode();
        ObjectNode image = metrics.putObject("imageTasks");
        for (ImagePretraining.TaskResult task : report.imageTasks()) {
            image.putObject(task.task().id()).put("validationAccuracy", task.accuracy()).put("majority", task.majority())
                    .put("train", task.train()).put("validation", task.validation());
        }
        ObjectNode vqa = metrics.putObject("validation");
        report.validation().forEach((fusion, scores) -> vqa.putObject(fusion.id())
                .put("overall", scores.overall().accuracy()).put("closed", scores.closed().accuracy())
                .put("open", scores.open().accuracy()).put("questions", scores.overall().questions()));
        metrics.put("validationSplit", "VQA-RAD trainset.json carved by image, fraction " + settings.validationFraction()
                + ", seed " + settings.vqa().seed());
        metrics.put("encoderSteps", settings.encoder().steps()).put("vqaEpochs", settings.vqa().epochs());
        return metrics;
    }
}
