package org.cnlp.server.terminology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.cnlp.terminology.build.BuildReport;
import org.cnlp.terminology.build.TerminologyBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a terminology index exists: the one {@code cnlp terminology build} wrote, or one built
 * now from corpora-samples, also when an older cnlp built the one there.
 */
public final class TerminologyProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyProvisioner.class);

    private TerminologyProvisioner() {
    }

    /**
     * @param index   the index folder
     * @param corpora the corpora-samples folder to build from when the index is missing
     * @return {@code index}, complete
     * @throws IOException when there is no index and it cannot be built
     */
    public static Path ensure(Path index, Optional<Path> corpora) throws IOException {
        String why = TerminologyBuilder.whyRebuild(index);
        if (why == null) {
            return index;
        }
        if (why.startsWith(TerminologyBuilder.OUTDATED) && (corpora.isEmpty() || !Files.isDirectory(corpora.get()))) {
            LOG.warn("the terminology index at {} should be rebuilt ({}), but there is no corpora-samples folder to build"
                    + " from; serving it as it is", index, why);
            return index;
        }
        if (corpora.isEmpty() || !Files.isDirectory(corpora.get())) {
            String problem = "first use".equals(why) ? "no terminology index at " + index
                    : "no usable terminology index at " + index + " (" + why + ")";
            throw new IOException(problem + " and no corpora-samples folder to build one from"
                    + corpora.map(c -> " (" + c + " is not a folder)").orElse("")
                    + "; run './cnlp terminology build' or set cnlp.terminology.corpora");
        }
        LOG.info("building the terminology index into {} from {} ({})", index, corpora.get(), why);
        BuildReport report = TerminologyBuilder.build(corpora.get(), index);
        LOG.info("terminology index built: {}", report);
        return index;
    }
}
