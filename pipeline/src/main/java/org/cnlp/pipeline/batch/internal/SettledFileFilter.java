package org.cnlp.pipeline.batch.internal;

import java.io.File;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.OptimizedFileFilter;
import org.cnlp.pipeline.input.DocumentSources;

/**
 * Lets the file consumer take a file only once it has not been modified for the settle time (a
 * file still being written is left for a later poll) and never one this run has given up on.
 * Folders always pass; hidden names never reach a filter. With no settle time and nothing given
 * up on, the answer needs no file attributes, which spares the consumer a look at each file it
 * lists again while it is queued. Image files are never taken: they are read through the JSON
 * document that names them ({@link DocumentSources#isImageFile}).
 */
@SuppressWarnings("rawtypes")
public final class SettledFileFilter implements OptimizedFileFilter {

    private final long settleMillis;
    private final FolderWorker worker;

    public SettledFileFilter(long settleMillis, FolderWorker worker) {
        this.settleMillis = settleMillis;
        this.worker = worker;
    }

    @Override
    public Boolean accept(String name) {
        if (DocumentSources.isImageName(name)) {
            return null; // a folder may have such a name too: decided with the attributes
        }
        return settleMillis == 0 && !worker.hasStuckFiles() ? Boolean.TRUE : null;
    }

    @Override
    public boolean accept(GenericFile file) {
        if (file.isDirectory()) {
            return true;
        }
        if (DocumentSources.isImageName(file.getFileNameOnly())) {
            return false;
        }
        boolean settled = settleMillis == 0 || System.currentTimeMillis() - file.getLastModified() >= settleMillis;
        return settled && !worker.isStuck(((File) file.getFile()).toPath());
    }
}
