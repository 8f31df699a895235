package org.cnlp.pipeline.batch;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileConfiguration;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.impl.DefaultCamelContext;
import org.cnlp.pipeline.batch.internal.AtomicWrites;
import org.cnlp.pipeline.batch.internal.BacklogPollStrategy;
import org.cnlp.pipeline.batch.internal.BatchCounters;
import org.cnlp.pipeline.batch.internal.DocumentProcessor;
import org.cnlp.pipeline.batch.internal.FolderLayout;
import org.cnlp.pipeline.batch.internal.FolderWorker;
import org.cnlp.pipeline.batch.internal.OutputLedger;
import org.cnlp.pipeline.batch.internal.Recovery;
import org.cnlp.pipeline.batch.internal.Renderer;
import org.cnlp.pipeline.batch.internal.BatchImageFiles;
import org.cnlp.pipeline.batch.internal.SettledFileFilter;
import org.cnlp.pipeline.input.DocumentSources;
import org.cnlp.pipeline.input.TextValidator;
import org.cnlp.pipeline.io.xmi.XmiIo;
import org.cnlp.pipeline.run.PipelineRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Annotates the files of an inbox folder with a pipeline on a Camel route: a file consumer lists
 * the inbox, {@code threads} workers annotate files in parallel, each document's outputs are
 * written atomically to the outbox, and each original moves to {@code inbox/.done/} or, with an
 * error report beside it, to {@code inbox/.error/}. A bad or failing file never holds up the
 * others.
 *
 * <p>Restart-safe: after a crash at any point (kill -9 included) the next batch over the same
 * folders finishes them with every input accounted for exactly once, no output duplicated and no
 * partial file visible (see {@link FolderWorker} for the order of writes that makes it so). Two
 * batches cannot work the same inbox or outbox at once (file locks).
 *
 * <p>A JSON input may hold an image with questions, inline or as an image file beside it
 * ({@code imageFile}); image files are never inputs themselves: they move to {@code .done/} or
 * {@code .error/} with the input that named them, and those no input named are left in the inbox
 * and counted in the summary ({@link BatchSummary#imagesLeft()}).
 *
 * <p>Without {@code watch} the batch finishes when the inbox holds no more input; with it, it
 * runs until {@link #stop()} (the server's inbox/outbox). The caller owns the
 * {@link PipelineRunner} and closes it after this batch has stopped. Thread-safe.
 */
public final class FolderBatch implements BatchService {

    private static final Logger LOG = LoggerFactory.getLogger(FolderBatch.class);
    private static final String ROUTE_ID = "cnlp-folder-batch";
    private static final String INBOX_LOCK = ".cnlp-batch.lock";
    private static final String TYPE_SYSTEM = "TypeSystem.xml";
    /**
     * Inputs a poll may queue, per worker (at least {@link #MIN_BACKLOG}); the inbox is listed
     * again only once fewer than half of them are left, so that a big inbox is listed a few times
     * rather than at every poll.
     */
    private static final int BACKLOG_PER_THREAD = 256;
    private static final int MIN_BACKLOG = 1024;

    private final FolderBatchConfig config;
    private final RunInfo run;
    private final String runId = UUID.randomUUID().toString();
    private final FolderLayout layout;
    private final BatchCounters counters = new BatchCounters();
    private final List<FileChannel> lockFiles;
    private final OutputLedger ledger;
    private final FolderWorker worker;
    private final CamelContext camel = new DefaultCamelContext();
    private final ScheduledExecutorService drainCheck;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean stopped;
    private volatile long imagesLeft = -1;

    private FolderBatch(FolderBatchConfig config, PipelineRunner runner, RunInfo run, FolderLayout layout,
                        List<FileChannel> lockFiles, OutputLedger ledger) {
        this.config = config;
        this.run = run;
        this.layout = layout;
        this.lockFiles = lockFiles;
        this.ledger = ledger;
        DocumentProcessor processor = new DocumentProcessor(runner,
                new Renderer(config.formats(), config.include(), config.prettyJson()), counters);
        BatchImageFiles images = new BatchImageFiles(layout, config.settleTime().toMillis());
        this.worker = new FolderWorker(layout, new DocumentSources(new TextValidator(config.maxBytes()), images), images,
                processor, ledger, counters, run, runId, config.syncWrites());
        this.drainCheck = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cnlp-batch-drain").daemon().factory());
    }

    /**
     * Prepares a batch: creates the folders, takes the folder locks, cleans up after an earlier
     * crash, writes {@code TypeSystem.xml} for XMI output. Nothing is consumed before {@link #start()}.
     *
     * @throws IOException when a folder cannot be created or is in use by another batch
     */
    public static FolderBatch open(FolderBatchConfig config, PipelineRunner runner, RunInfo run) throws IOException {
        FolderLayout layout = new FolderLayout(config.inbox(), config.outbox());
        Files.createDirectories(layout.inbox());
        Files.createDirectories(layout.state());
        List<FileChannel> locks = new ArrayList<>();
        OutputLedger ledger = null;
        try {
            locks.add(lock(layout.inbox().resolve(INBOX_LOCK), layout.inbox()));
            locks.add(lock(layout.state().resolve("lock"), layout.outbox()));
            Recovery.Result recovered = Recovery.sweep(layout);
            if (recovered.temporaryFiles() + recovered.orphanReports() > 0) {
                LOG.info("recovered after an interrupted run: removed {} temporary files and {} error reports of unmoved inputs",
                        recovered.temporaryFiles(), recovered.orphanReports());
            }
            ledger = OutputLedger.open(layout.state().resolve("outputs.ledger"),
                    List.of(TYPE_SYSTEM, BatchSummary.JSON_FILE, BatchSummary.TEXT_FILE), config.syncWrites());
            if (config.formats().contains(BatchFormat.XMI)) {
                writeTypeSystem(layout.outbox().resolve(TYPE_SYSTEM));
            }
            return new FolderBatch(config, runner, run, layout, locks, ledger);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ledger, locks);
            throw e;
        }
    }

    private static FileChannel lock(Path file, Path folder) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException(folder + " is in use by another cnlp batch");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException(folder + " is in use by another cnlp batch in this process", e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static void writeTypeSystem(Path target) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + TYPE_SYSTEM, AtomicWrites.TEMP_SUFFIX);
        try {
            XmiIo.writeTypeSystem(temp);
            AtomicWrites.write(target, Files.readAllBytes(temp), false);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (started || stopped) {
                throw new IllegalStateException("a folder batch starts once");
            }
            started = true;
            camel.getCamelContextExtension().setName("cnlp-batch-" + runId);
            camel.setStartupSummaryLevel(StartupSummaryLevel.Off);
            camel.getShutdownStrategy().setTimeout(Math.max(1, config.shutdownTimeout().toSeconds()));
            try {
                camel.addRoutes(routes());
                camel.start();
            } catch (Exception e) {
                stop();
                throw new IllegalStateException("the batch route did not start: " + e.getMessage(), e);
            }
            if (!config.watch()) {
                long interval = config.pollInterval().toMillis();
                drainCheck.scheduleWithFixedDelay(this::checkDrained, interval, interval, TimeUnit.MILLISECONDS);
            }
            LOG.info("batch {} started: {} -> {}, pipeline '{}', {} threads{}", runId, layout.inbox(), layout.outbox(),
                    run.pipeline(), config.threads(), config.watch() ? ", watching" : "");
        }
    }

    private RouteBuilder routes() {
        int backlog = Math.max(MIN_BACKLOG, BACKLOG_PER_THREAD * config.threads());
        FileEndpoint inbox = new FileEndpoint("file://cnlp-batch-inbox-" + runId, camel.getComponent("file", FileComponent.class));
        GenericFileConfiguration directory = new GenericFileConfiguration();
        directory.setDirectory(layout.inbox().toString());
        inbox.setConfiguration(directory);
        inbox.setFile(layout.inbox().toFile());
        inbox.setNoop(true);
        inbox.setIdempotent(false);
        inbox.setRecursive(true);
        @SuppressWarnings("unchecked") // the filter implements Camel's raw OptimizedFileFilter
        GenericFileFilter<File> filter = new SettledFileFilter(config.settleTime().toMillis(), worker);
        inbox.setFilter(filter);
        inbox.setInitialDelay(0);
        inbox.setDelay(config.pollInterval().toMillis());
        inbox.setMaxMessagesPerPoll(backlog);
        inbox.setPollStrategy(new BacklogPollStrategy(this::inFlight, backlog / 2));
        return new RouteBuilder(camel) {
            @Override
            public void configure() {
                from(inbox).routeId(ROUTE_ID)
                        .filter(exchange -> worker.admit(inputPath(exchange)))
                        .threads(config.threads(), config.threads(), "cnlp-batch-worker").maxQueueSize(2 * backlog)
                        .process(exchange -> worker.handle(inputPath(exchange)));
            }
        };
    }

    private static Path inputPath(Exchange exchange) {
        GenericFile<?> file = exchange.getIn().getBody(GenericFile.class);
        return Path.of(file.getAbsoluteFilePath());
    }

    private int inFlight() {
        return camel.getInflightRepository().size(ROUTE_ID);
    }

    private void checkDrained() {
        try {
            worker.forgetOldCompletions();
            if (inFlight() == 0 && !worker.hasPendingInputs()) {
                LOG.info("batch {}: inbox drained", runId);
                countImagesLeft();
                finished.countDown();
                drainCheck.shutdown();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("batch {}: checking the inbox failed: {}", runId, e.toString());
        }
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            drainCheck.shutdownNow();
            try {
                camel.stop();
            } finally {
                closeQuietly(ledger, lockFiles);
                finished.countDown();
            }
            countImagesLeft();
            BatchMetrics metrics = metrics();
            LOG.info("batch {} stopped: {} inputs done, {} failed, {} vanished, {} documents", runId, metrics.inputsDone(),
                    metrics.inputsFailed(), metrics.inputsVanished(), metrics.documents());
        }
    }

    /** Counts, once the batch has finished, the image files no input took along; says so when there are any. */
    private void countImagesLeft() {
        if (imagesLeft >= 0) {
            return;
        }
        try {
            imagesLeft = worker.imagesInInbox();
        } catch (IOException | RuntimeException e) {
            LOG.warn("batch {}: counting the images left in the inbox failed: {}", runId, e.toString());
            imagesLeft = 0;
        }
        if (imagesLeft > 0) {
            LOG.info("batch {}: {} image files left in the inbox, named by no JSON document (an image is read through a JSON"
                    + " document with questions that names it)", runId, imagesLeft);
        }
    }

    @Override
    public BatchMetrics metrics() {
        return counters.metrics(camel.isStarted() ? inFlight() : 0);
    }

    @Override
    public BatchSummary summary() {
        return counters.summary(runId, run, config.threads(), config.formats(), Math.max(0, imagesLeft));
    }

    private static void closeQuietly(OutputLedger ledger, List<FileChannel> locks) {
        try {
            if (ledger != null) {
                ledger.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the output ledger failed: {}", e.toString());
        }
        for (FileChannel lock : locks) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("releasing a folder lock failed: {}", e.toString());
            }
        }
    }
}
