package org.cnlp.distill;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.NormalInitializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.cnlp.model.encoder.BertConfig;
import org.cnlp.model.encoder.BertEncoder;
import org.cnlp.model.encoder.EncoderCheckpoint;
import org.cnlp.model.encoder.WeightBinding;
import org.cnlp.model.tokenizer.WordPieceTokenizerJson;
import org.cnlp.model.weights.TensorType;

/**
 * Tiny models and corpora built on the fly for tests: a 2-layer, 32-wide random BERT saved as a
 * HuggingFace folder (vocab.txt only, so the WordPiece tokenizer is built from it), and PubTator
 * corpora from a small grammar of disease and chemical sentences, learnable in a few epochs.
 */
public final class TinyModels {

    public static final List<String> DISEASES = List.of("asthma", "gout", "anemia", "hepatitis", "psoriasis", "migraine",
            "epilepsy", "leukemia", "glaucoma", "colitis");
    public static final List<String> CHEMICALS = List.of("aspirin", "heparin", "insulin", "cisplatin", "morphine", "lithium",
            "warfarin", "caffeine", "ibuprofen", "dopamine");
    private static final List<String> FILLERS = List.of("patients", "with", "were", "treated", "using", "after", "and", "the",
            "study", "of", "in", "we", "report", "severe", "chronic", "induced", "by", "a", "case", "no", "signs");

    private TinyModels() {}

    /** Writes a random tiny BERT as a HuggingFace folder with {@code vocab.txt}. */
    public static Path baseModel(Path dir, long seed) throws IOException {
        Set<String> vocab = new LinkedHashSet<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ",", "-"));
        vocab.addAll(DISEASES);
        vocab.addAll(CHEMICALS);
        vocab.addAll(FILLERS);
        for (char c = 'a'; c <= 'z'; c++) {
            vocab.add(String.valueOf(c));
            vocab.add("##" + c);
        }
        BertConfig config = BertConfig.of(vocab.size(), 32, 2, 2, 64, 64, 2);
        BertEncoder encoder = new BertEncoder(config);
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            encoder.setInitializer(new NormalInitializer(0.05f), ai.djl.nn.Parameter.Type.WEIGHT);
            Shape probe = new Shape(1, 8);
            encoder.initialize(manager, DataType.FLOAT32, probe, probe, probe);
            var weights = WeightBinding.export(encoder);
            Files.createDirectories(dir);
            new EncoderCheckpoint(config, weights, WordPieceTokenizerJson.fromVocab(new ArrayList<>(vocab), true), "tiny")
                    .save(dir, TensorType.F32, 1 << 30);
        }
        Files.delete(dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("vocab.txt"), String.join("\n", vocab) + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * Writes a PubTator corpus of {@code documents} two-sentence abstracts; mentions of the types
     * in {@code annotate} are marked, the others left unmarked.
     */
    public static Path corpus(Path file, int documents, long seed, boolean annotateChemicals) throws IOException {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int d = 0; d < documents; d++) {
            String pmid = String.valueOf(100_000 + seed * 1_000 + d);
            StringBuilder text = new StringBuilder();
            List<String> mentions = new ArrayList<>();
            String title = "A case of " + pick(DISEASES, random) + ".";
            mentions.add(mention(pmid, title, title.indexOf("of ") + 3, title.length() - 1, "Disease"));
            text.append(title).append(' ');
            for (int s = 0; s < 3; s++) {
                String disease = pick(DISEASES, random);
                String chemical = pick(CHEMICALS, random);
                String sentence = switch (random.nextInt(3)) {
                    case 0 -> "patients with " + disease + " were treated with " + chemical + ".";
                    case 1 -> chemical + " induced " + disease + " in the study.";
                    default -> "we report severe " + disease + " after " + chemical + " and no signs of colitis.";
                };
                int base = text.length();
                mentions.add(mention(pmid, text.toString() + sentence, base + sentence.indexOf(disease),
                        base + sentence.indexOf(disease) + disease.length(), "Disease"));
                if (sentence.contains("colitis")) {
                    int c = sentence.lastIndexOf("colitis");
                    mentions.add(mention(pmid, null, base + c, base + c + 7, "Disease"));
                }
                if (annotateChemicals) {
                    mentions.add(mention(pmid, null, base + sentence.indexOf(chemical),
                            base + sentence.indexOf(chemical) + chemical.length(), "Chemical"));
                }
                text.append(sentence).append(s < 2 ? " " : "");
            }
            String abstractText = text.substring(title.length() + 1);
            out.append(pmid).append("|t|").append(title).append('\n');
            out.append(pmid).append("|a|").append(abstractText).append('\n');
            String full = title + " " + abstractText;
            for (String m : mentions) {
                String[] p = m.split("\t");
                int b = Integer.parseInt(p[1]);
                int e = Integer.parseInt(p[2]);
                out.append(pmid).append('\t').append(b).append('\t').append(e).append('\t').append(full, b, e).append('\t')
                        .append(p[3]).append('\t').append("-1").append('\n');
            }
            out.append('\n');
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * A PubTator corpus re-annotated under another guideline: each disease mention right after
     * {@code modifier} starts at the modifier instead ("severe gout" where the original marks "gout").
     */
    public static String withModifiers(String pubTator, String modifier) {
        StringBuilder out = new StringBuilder();
        String title = "";
        String text = "";
        for (String line : pubTator.split("\n", -1)) {
            if (line.contains("|t|")) {
                title = line.substring(line.indexOf("|t|") + 3);
            } else if (line.contains("|a|")) {
                text = title + " " + line.substring(line.indexOf("|a|") + 3);
            } else {
                String[] p = line.split("\t");
                if (p.length >= 5 && p[4].equals("Disease")) {
                    int b = Integer.parseInt(p[1]);
                    if (b >= modifier.length() && text.startsWith(modifier, b - modifier.length())) {
                        b -= modifier.length();
                        p[1] = String.valueOf(b);
                        p[3] = text.substring(b, Integer.parseInt(p[2]));
                        line = String.join("\t", p);
                    }
                }
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String mention(String pmid, String unused, int begin, int end, String type) {
        return String.format(Locale.ROOT, "%s\t%d\t%d\t%s", pmid, begin, end, type);
    }

    private static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }
}
