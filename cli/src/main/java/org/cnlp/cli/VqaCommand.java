package org.cnlp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnlp.multimodal.data.VqaItem;
import org.cnlp.multimodal.data.VqaRad;
import org.cnlp.multimodal.encoder.ImagePretraining;
import org.cnlp.multimodal.image.ImageLimits;
import org.cnlp.multimodal.image.MedicalImages;
import org.cnlp.multimodal.vqa.VqaModel;
import org.cnlp.multimodal.vqa.VqaPredictor;
import org.cnlp.multimodal.vqa.VqaScores;
import org.cnlp.multimodal.vqa.VqaTrainer;
import org.cnlp.multimodal.vqa.VqaTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "vqa", mixinStandardHelpOptions = true,
        description = "Visual question answering over radiology images: train, evaluate, ask.",
        subcommands = {VqaCommand.Train.class, VqaCommand.Evaluate.class, VqaCommand.Ask.class})
final class VqaCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Cnlp parent;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The installed VQA bundle's folder name under models/. */
    static final String BUNDLE = "vqa";

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Pretrain the image encoder on the labelled image sets (MedNIST, NIH chest X-ray, PneumoniaMNIST,",
                    "BreastMNIST), then train question-only, image-only, concatenation and attention VQA models on VQA-RAD",
                    "with a validation split carved by image; prints every score and writes the chosen fusion's bundle."})
    static final class Train implements Callable<Integer> {

        @ParentCommand
        VqaCommand parent;

        @Option(names = "--data", description = "Image folder with vqa-rad/ and the image sets (default: corpora-samples/images).")
        Path data;

        @Option(names = "--question-model",
                description = "NER bundle whose encoder reads questions (default: models/ner-teacher; models/ner-student works too).")
        Path questionModel;

        @Option(names = "--out", description = "Bundle folder to write (default: work/models/vqa).")
        Path out;

        @Option(names = "--fusion", defaultValue = "attention",
                description = "Fusion written to the bundle: attention, concat, question-only, image-only (default: ${DEFAULT-VALUE}).")
        String fusion;

        @Option(names = "--encoder-steps", defaultValue = "600", description = "Image-encoder steps (default: ${DEFAULT-VALUE}).")
        int encoderSteps;

        @Option(names = "--epochs", defaultValue = "40", description = "VQA epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--install", description = "Also write the bundle to models/vqa (what the pipeline and server load).")
        boolean install;

        @Override
        public Integer call() throws Exception {
            CnlpHome home = parent.parent.home();
            Path output = out == null ? home.work().resolve("models").resolve(BUNDLE) : out;
            ImagePretraining.Settings encoder = new ImagePretraining.Settings(encoderSteps, 64,
                    ImagePretraining.Settings.defaults().learningRate(), seed);
            VqaTraining.Settings defaults = VqaTraining.Settings.defaults();
            VqaTraining.Settings vqa = new VqaTraining.Settings(epochs, defaults.batch(), defaults.learningRate(),
                    defaults.weightDecay(), defaults.hidden(), seed);
            VqaTrainer.Settings settings = new VqaTrainer.Settings(data == null ? home.corpora().resolve("images") : data,
                    questionModel == null ? home.models().resolve("ner-teacher") : questionModel, output,
                    VqaModel.Fusion.parse(fusion), 0.2, encoder, vqa);
            VqaTrainer.Report report = VqaTrainer.run(settings, System.err);
            System.out.print(report.toTable());
            if (install) {
                Path target = home.models().resolve(BUNDLE);
                org.cnlp.multimodal.vqa.VqaBundle.open(output).write(target);
                System.out.println("installed: " + target);
            }
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Answer the questions of a VQA-RAD-format JSON file; with answers present, print overall, closed,",
                    "open and per-question-type accuracy. Predictions go to --out as [{\"qid\": ..., \"answer\": \"...\"}]."})
    static final class Evaluate implements Callable<Integer> {

        @ParentCommand
        VqaCommand parent;

        @Option(names = "--questions", required = true, description = "Questions JSON (VQA-RAD fields; answers optional).")
        Path questions;

        @Option(names = "--images", required = true, description = "Folder of the images the questions name.")
        Path images;

        @Option(names = "--model", description = "VQA bundle (default: models/vqa).")
        Path model;

        @Option(names = "--out", description = "Write the predictions as JSON here.")
        Path out;

        @Override
        public Integer call() throws Exception {
            CnlpHome home = parent.parent.home();
            List<VqaItem> items = VqaRad.read(questions);
            try (VqaPredictor predictor = VqaPredictor.open(model == null ? home.models().resolve(BUNDLE) : model, home.models())) {
                List<VqaPredictor.Answer> answers = predictor.answerAll(items, images);
                if (out != null) {
                    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                    ArrayNode list = json.createArrayNode();
                    for (int i = 0; i < items.size(); i++) {
                        list.addObject().put("qid", items.get(i).qid()).put("answer", answers.get(i).answer());
                    }
                    AtomicFiles.write(out, json.writeValueAsString(list).getBytes(StandardCharsets.UTF_8));
                    System.err.println("predictions: " + out);
                }
                if (items.stream().anyMatch(item -> !item.answer().isEmpty())) {
                    VqaScores scores = VqaScores.of(items, answers.stream().map(VqaPredictor.Answer::answer).toList());
                    System.out.println(scores.summary());
                    scores.byQuestionType().forEach((type, count) -> System.out.printf(java.util.Locale.ROOT,
                            "  %-10s %.4f (%d/%d)%n", type, count.accuracy(), count.correct(), count.questions()));
                } else {
                    System.out.println(items.size() + " questions answered (no gold answers to score)");
                }
            }
            return 0;
        }
    }

    @Command(name = "ask", mixinStandardHelpOptions = true, description = "Answer one question about one image.")
    static final class Ask implements Callable<Integer> {

        @ParentCommand
        VqaCommand parent;

        @Option(names = "--image", required = true, description = "A JPEG or PNG image.")
        Path image;

        @Option(names = "--question", required = true, description = "The question.")
        String question;

        @Option(names = "--model", description = "VQA bundle (default: models/vqa).")
        Path model;

        @Override
        public Integer call() throws Exception {
            CnlpHome home = parent.parent.home();
            if (question.isBlank()) {
                throw new IllegalArgumentException("--question is empty");
            }
            var picture = MedicalImages.read(image, ImageLimits.DEFAULT);
            try (VqaPredictor predictor = VqaPredictor.open(model == null ? home.models().resolve(BUNDLE) : model, home.models())) {
                VqaPredictor.Answer answer = predictor.answer(picture, question);
                System.out.printf(java.util.Locale.ROOT, "%s  (confidence %.3f, %s question)%n", answer.answer(), answer.confidence(),
                        answer.closed() ? "closed" : "open");
            }
            return 0;
        }
    }
}
