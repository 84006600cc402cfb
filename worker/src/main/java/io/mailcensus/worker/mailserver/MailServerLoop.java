package io.mailcensus.worker.mailserver;

import io.mailcensus.core.port.TaskSource;
import io.mailcensus.schemas.MxProbeTask;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MX task loop: takes MX probe tasks (from the in-process queue, or from the Kafka partitions
 * this worker holds, keyed by gate: IPv4 address or IPv6 /64) into the {@link MailServerStage}, which probes each (host, IP)
 * once per round under its gate, and acknowledges a task once its pair's result is published.
 * The stage never blocks, so neither does the loop: it ends when its source is exhausted (the
 * round is over) or on {@link #stop()}.
 */
public final class MailServerLoop {

    private static final Logger log = LoggerFactory.getLogger(MailServerLoop.class);
    private static final int BATCH = 512;

    private final TaskSource<MxProbeTask> source;
    private final MailServerStage stage;
    private volatile boolean stopping;

    public MailServerLoop(TaskSource<MxProbeTask> source, MailServerStage stage) {
        this.source = source;
        this.stage = stage;
    }

    /** Runs until the source is exhausted or {@link #stop()}; probes it started go on in the stage. */
    public void run() {
        try {
            while (!stopping && !source.exhausted()) {
                for (MxProbeTask task : source.poll(BATCH, Duration.ofMillis(200))) {
                    stage.submit(task).whenComplete((done, failure) -> {
                        if (failure == null) { // a cancelled probe has no result: never acknowledged
                            source.acknowledge(List.of(task));
                        }
                    });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                log.error("the MX task loop failed", e);
            }
        }
    }

    /** Stops taking tasks; any thread. */
    public void stop() {
        stopping = true;
        source.wakeup();
    }

    /**
     * Stops taking tasks and cancels the queued probes (they are left unacknowledged, for the
     * next owner of their partition); running probes go on. Returns how many were cancelled.
     */
    public int stopAndAbandonQueued() {
        stop();
        return stage.abandonQueued();
    }

    /** See {@link MailServerStage#cancelQueued}: for the tasks of revoked partitions. */
    public List<MxProbeTask> cancelQueued(Collection<MxProbeTask> held) {
        return stage.cancelQueued(held);
    }
}
