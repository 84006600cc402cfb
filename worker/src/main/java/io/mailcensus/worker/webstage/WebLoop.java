package io.mailcensus.worker.webstage;

import io.mailcensus.core.port.TaskSource;
import io.mailcensus.schemas.WebProbeTask;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web task loop: takes web probe tasks (from the in-process queue, or from the Kafka
 * partitions this worker holds, keyed by web address) into the {@link WebStage}, and
 * acknowledges each once its domain's web row is published. The stage never blocks; the source
 * bounds what is taken (Kafka pauses its partitions). Ends when the source is exhausted or on
 * {@link #stop()}.
 */
public final class WebLoop {

    private static final Logger log = LoggerFactory.getLogger(WebLoop.class);
    private static final int BATCH = 512;

    private final TaskSource<WebProbeTask> source;
    private final WebStage stage;
    private volatile boolean stopping;

    public WebLoop(TaskSource<WebProbeTask> source, WebStage stage) {
        this.source = source;
        this.stage = stage;
    }

    public void run() {
        try {
            while (!stopping && !source.exhausted()) {
                for (WebProbeTask task : source.poll(BATCH, Duration.ofMillis(200))) {
                    stage.submit(task).whenComplete((done, failure) -> source.acknowledge(List.of(task)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                log.error("the web task loop failed", e);
            }
        }
    }

    /** Stops taking tasks; any thread. */
    public void stop() {
        stopping = true;
        source.wakeup();
    }
}
