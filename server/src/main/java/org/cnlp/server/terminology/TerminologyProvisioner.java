package org.cnlp.server.terminology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.cnlp.terminology.build.BuildReport;
import org.cnlp.terminology.build.TerminologyBuilder;
import org.cnlp.terminology.index.IndexMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure a terminology index exists: the one {@code cnlp terminology build} wrote, or one built now from corpora-samples. */
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
        if (Files.isRegularFile(index.resolve(IndexMetadata.FILE_NAME))) {
            return index;
        }
        if (corpora.isEmpty() || !Files.isDirectory(corpora.get())) {
            throw new IOException("no terminology index at " + index + " and no corpora-samples folder to build one from"
                    + corpora.map(c -> " (" + c + " is not a folder)").orElse("")
                    + "; run './cnlp terminology build' or set cnlp.terminology.corpora");
        }
        LOG.info("building the terminology index into {} from {} (first start)", index, corpora.get());
        BuildReport report = TerminologyBuilder.build(corpora.get(), index);
        LOG.info("terminology index built: {}", report);
        return index;
    }
}
