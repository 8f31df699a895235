package org.cnlp.distill.teacher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnlp.model.encoder.BundledEncoder;
import org.cnlp.model.encoder.EncoderCheckpoint;

/** Resolves a {@code --base} value: a bundled encoder's name or a HuggingFace checkpoint folder. */
public final class BaseEncoders {

    private BaseEncoders() {}

    /**
     * @throws IOException when neither a bundled name nor a readable checkpoint folder
     */
    public static EncoderCheckpoint load(String base) throws IOException {
        var bundled = BundledEncoder.byName(base);
        if (bundled.isPresent()) {
            return bundled.get().checkpoint();
        }
        Path folder = Path.of(base);
        if (!Files.isDirectory(folder)) {
            throw new IOException("base model '" + base + "' is neither a bundled encoder (bge-small, minilm) nor a folder");
        }
        return EncoderCheckpoint.fromHuggingFace(folder);
    }
}
