package io.mailcensus.worker.mailserver;

import io.mailcensus.core.port.ResultSink;
import io.mailcensus.core.port.TaskSink;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import java.time.Clock;

/**
 * Where the domain loop publishes: each domain result goes downstream (the store or the results
 * topic) and the probe tasks of its mail servers to the MX task sink (the in-process queue, or
 * the mx-probe-tasks topic keyed by gate: IPv4 address or IPv6 /64), in that order. The one domain to MX task fan-out of both
 * modes. Closing it closes neither: their owner does.
 */
public final class MxFanOut implements ResultSink {

    private final ResultSink downstream;
    private final TaskSink<MxProbeTask> mxTasks;
    private final MailServerSettings mail;
    private final Clock clock;

    public MxFanOut(ResultSink downstream, TaskSink<MxProbeTask> mxTasks, MailServerSettings mail, Clock clock) {
        this.downstream = downstream;
        this.mxTasks = mxTasks;
        this.mail = mail;
        this.clock = clock;
    }

    @Override
    public void publish(DomainResult result) {
        downstream.publish(result);
        for (MxProbeTask task : mail.targets(result, clock.instant())) {
            try {
                mxTasks.submit(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while queueing the mail servers of " + result.getDomain(), e);
            }
        }
    }

    @Override
    public void publish(MailServerResult result) {
        downstream.publish(result);
    }

    @Override
    public void flush() {
        mxTasks.flush();
        downstream.flush();
    }

    @Override
    public void close() {
        // the owner closes the sinks
    }
}
