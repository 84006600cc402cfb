package io.mailcensus.launcher.local;

import io.mailcensus.aggregator.StoreWriter;
import io.mailcensus.coordinator.ScanFeeder;
import io.mailcensus.coordinator.input.InputSummary;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.core.port.WorkSink;
import io.mailcensus.core.queue.InProcessQueue;
import io.mailcensus.core.queue.InProcessWorkQueue;
import io.mailcensus.launcher.UserException;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.schemas.WebProbeTask;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.worker.assembly.Worker;
import io.mailcensus.worker.assembly.WorkerSettings;
import io.mailcensus.worker.loop.ScanCounters;
import io.mailcensus.worker.loop.ScanWorker;
import io.mailcensus.worker.mailserver.MailServerLoop;
import io.mailcensus.worker.mailserver.MailServerStage;
import io.mailcensus.worker.mailserver.MailServers;
import io.mailcensus.worker.webstage.WebLoop;
import io.mailcensus.worker.webstage.WebStage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The single-machine pipeline: coordinator -> in-process queue -> worker -> aggregator ->
 * embedded store, the same ports the distributed mode runs over Kafka. Ctrl-C stops taking
 * new domains, lets those in flight finish, and keeps everything scanned so far: {@code scan
 * --resume ID} does the rest.
 */
public final class LocalScan {

    private final ScanPlan plan;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock = Clock.systemUTC();
    /** Counted down when the scan has closed the store: a Ctrl-C shutdown hook waits for it. */
    private final CountDownLatch finished = new CountDownLatch(1);
    /**
     * Set by Ctrl-C: queued mail-server and web probes are not waited for (their domains are
     * stored; web checks not run stay not_checked, counted unknown).
     */
    private volatile boolean stopping;

    public LocalScan(ScanPlan plan, PrintStream out, PrintStream err) {
        this.plan = plan;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        try {
            return openAndScan();
        } finally {
            finished.countDown();
        }
    }

    private int openAndScan() throws Exception {
        try (ResultStore store = ChdbStore.open(plan.data())) {
            store.migrate();
            ScanBook book = new ScanBook(store, plan.scanId(), PlanOptions.of(plan));
            Set<String> done = Set.of();
            Instant started = clock.instant();
            if (plan.resume()) {
                ScanRecord previous = book.load()
                        .orElseThrow(() -> new UserException("no scan '" + plan.scanId() + "' in " + plan.data()));
                started = previous.started();
                done = book.scannedDomains();
                out.printf("resuming %s: %,d domains already scanned%n", plan.scanId(), done.size());
            } else if (book.load().isPresent()) {
                throw new UserException("scan '" + plan.scanId() + "' exists already (use --resume to finish it)");
            }
            return scan(store, book, started, done);
        }
    }

    private static String webProgress(WebStage web) {
        if (web == null) {
            return "";
        }
        return String.format(", %,d waiting for HTTPS", web.queued() + web.active());
    }

    private String mailProgress(MailServerStage stage) {
        if (!plan.mail().enabled()) {
            return "";
        }
        return String.format(", mail servers %,d probed, %,d queued", stage.probed() - stage.active(),
                stage.queued() + stage.active());
    }

    private void awaitMailServers(MailServers mail) throws InterruptedException {
        long waited = 0;
        while (!stopping && !mail.awaitIdle(1, TimeUnit.SECONDS)) {
            if (++waited % 30 == 0) {
                MailServerStage stage = mail.stage();
                err.printf("waiting for mail server probes: %,d active, %,d queued (servers in backoff are retried "
                        + "politely before they are given up)%n", stage.active(), stage.queued());
            }
        }
    }

    /** One line: nothing to scan, and what the input held instead. */
    static String noDomain(String source, InputSummary summary) {
        String line = String.format("no domain to scan in %s (%,d lines read, %,d rejected)", source, summary.read(),
                summary.rejectedTotal());
        List<String> why = summary.describeRejections();
        return why.isEmpty() ? line + "; no scan recorded" : line + ": " + why.getFirst().strip() + "; no scan recorded";
    }

    /** Runs {@code first} once, before the first task is queued. */
    private static final class OnFirstTask implements WorkSink {
        private final WorkSink queue;
        private final Runnable first;
        private boolean started;

        OnFirstTask(WorkSink queue, Runnable first) {
            this.queue = queue;
            this.first = first;
        }

        @Override
        public void submit(ScanTask task) throws InterruptedException {
            if (!started) { // one feeder thread submits
                started = true;
                first.run();
            }
            queue.submit(task);
        }

        @Override
        public void flush() {
            queue.flush();
        }

        @Override
        public void finish() {
            queue.finish();
        }
    }

    private void awaitWeb(WebStage web) throws InterruptedException {
        long waited = 0;
        while (!stopping && !web.awaitIdle(1, TimeUnit.SECONDS)) {
            if (++waited % 30 == 0) {
                err.printf("waiting for web probes: %,d active, %,d queued (web servers in backoff are retried "
                        + "politely before they are given up; the domains' DNS and mail results are stored)%n",
                        web.active(), web.queued());
            }
        }
    }

    private int scan(ResultStore store, ScanBook book, Instant started, Set<String> done) throws Exception {
        InProcessWorkQueue queue = new InProcessWorkQueue(Math.max(1024, plan.concurrency() * 4));
        ScanCounters counters = new ScanCounters();
        AtomicReference<InputSummary> input = new AtomicReference<>();
        AtomicReference<Throwable> inputFailure = new AtomicReference<>();
        String source = plan.source().describe();
        // A new scan's row is written when its first domain is queued: an input without a single
        // domain records no scan (a resumed scan has its row already).
        Runnable running = () -> book.save(started, null, "running", source, 0, done.size(), 0);
        WorkSink feed = plan.resume() ? queue : new OnFirstTask(queue, running);
        if (plan.resume()) {
            running.run();
        }

        // MX probe tasks go through a queue of their own, as they go through a topic in a cluster
        InProcessQueue<MxProbeTask> mxQueue = InProcessQueue.unbounded();
        // ... and so do web probe tasks: a domain's DNS and mail results are stored without waiting for them
        InProcessQueue<WebProbeTask> webQueue = InProcessQueue.unbounded();
        WorkerSettings settings = new WorkerSettings(plan.dns(), plan.mail(), plan.web(), plan.concurrency());
        try (StoreWriter writer = new StoreWriter(store, ResultStore.BATCH_ROWS, Duration.ofSeconds(1));
                Worker assembly = new Worker(settings, writer, mxQueue, webQueue, clock, counters, Metrics.none())) {
            ScanWorker worker = assembly.scanLoop(queue);
            MailServerLoop mailLoop = assembly.mailServerLoop(mxQueue);
            Thread mxThread = Thread.ofPlatform().name("mx-tasks").start(mailLoop::run);
            WebStage web = assembly.hasWebStage() ? assembly.webServers().stage() : null;
            WebLoop webLoop = web == null ? null : assembly.webLoop(webQueue);
            Thread webThread = webLoop == null ? null : Thread.ofPlatform().name("web-tasks").start(webLoop::run);
            if (web != null) {
                // the domains waiting for their web probes are finished DNS results in memory: at most the backlog
                int backlog = Math.max(1, plan.web().backlog());
                worker.holdBackWhile(() -> web.queued() + web.active() >= backlog);
            }
            MailServers mail = assembly.mailServers();
            Set<String> skip = done;
            Thread feeder = Thread.ofPlatform().name("coordinator").start(() -> {
                try {
                    input.set(new ScanFeeder(feed, clock).feed(plan.scanId(), plan.source(), skip::contains));
                } catch (InterruptedException e) {
                    queue.finish();
                } catch (Exception | Error e) {
                    // An Error too (a StackOverflowError on some input): the queue must finish, or
                    // the workers wait for ever; the scan then ends "interrupted", resumable.
                    inputFailure.set(e);
                    queue.finish();
                }
            });
            Thread interrupt = Thread.ofPlatform().unstarted(() -> {
                err.println();
                stopping = true;
                int notStarted = worker.stop();
                mailLoop.stop();
                if (webLoop != null) {
                    webLoop.stop();
                }
                err.printf("stopping: finishing the domains whose probes started; %,d taken but not started are "
                        + "left for --resume (Ctrl-C again to abort)%n", notStarted);
                feeder.interrupt();
                try {
                    // the store is closed and the summary printed before the JVM may exit
                    finished.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException ignored) {
                    // the JVM is going down anyway
                }
            });
            Runtime.getRuntime().addShutdownHook(interrupt);
            ProgressPrinter progress = new ProgressPrinter(plan.progress(), err, counters, () -> {
                InputSummary s = input.get();
                return s == null ? -1 : s.accepted();
            }, () -> webProgress(web) + mailProgress(mail.stage()));
            progress.start();
            boolean stopped;
            try {
                worker.run();
                feeder.join();
                mxQueue.finish();
                webQueue.finish();
                mxThread.join();
                if (webThread != null) {
                    webThread.join();
                }
                // mail servers and web sites of the last domains: their probes finish (each within its deadline)
                awaitMailServers(mail);
                if (web != null) {
                    awaitWeb(web);
                }
                writer.flush();
            } finally {
                mailLoop.stop(); // it has ended already unless the scan failed
                if (webLoop != null) {
                    webLoop.stop();
                }
                progress.stop();
                stopped = input.get() == null || counters.done() < input.get().accepted();
            }
            InputSummary summary = input.get();
            if (!plan.resume() && inputFailure.get() == null && summary != null && summary.accepted() == 0) {
                Runtime.getRuntime().removeShutdownHook(interrupt);
                throw new UserException(noDomain(source, summary));
            }
            long total = summary == null ? counters.done() + done.size() : summary.accepted() + summary.skipped();
            long rejected = summary == null ? 0 : summary.rejectedTotal();
            String state = inputFailure.get() != null || stopped ? "interrupted" : "finished";
            book.save(started, "finished".equals(state) ? clock.instant() : null, state, source, total,
                    counters.done() + done.size(), rejected);
            try {
                Runtime.getRuntime().removeShutdownHook(interrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for finished
            }
            switch (inputFailure.get()) {
                case null -> { }
                case Exception e -> throw e;
                case Error e -> throw e;
                case Throwable t -> throw new IllegalStateException(t);
            }
            new ScanSummaryPrinter(out).print(plan, state, summary, counters, started, clock.instant(),
                    writer.written(), mail, assembly.hasWebStage() ? assembly.webServers() : null, assembly.queries());
            out.flush();
            if (!"finished".equals(state)) {
                return 130;
            }
            return MostlyErrors.check(store, plan.scanId(), counters.done(), counters.errors(), err);
        }
    }
}
