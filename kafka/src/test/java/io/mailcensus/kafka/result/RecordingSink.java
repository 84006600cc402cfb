package io.mailcensus.kafka.result;

import io.mailcensus.core.port.ResultSink;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import java.util.ArrayList;
import java.util.List;

/** A store stand-in: results count as stored only when flushed; a failing one refuses every flush. */
final class RecordingSink implements ResultSink {

    private final List<Object> buffered = new ArrayList<>();
    final List<DomainResult> domains = new ArrayList<>();
    final List<MailServerResult> servers = new ArrayList<>();
    private final boolean failing;
    volatile int flushes;

    RecordingSink(boolean failing) {
        this.failing = failing;
    }

    @Override
    public synchronized void publish(DomainResult result) {
        buffered.add(result);
    }

    @Override
    public synchronized void publish(MailServerResult result) {
        buffered.add(result);
    }

    @Override
    public synchronized void flush() {
        if (failing) {
            throw new IllegalStateException("store is down");
        }
        for (Object o : buffered) {
            if (o instanceof DomainResult d) {
                domains.add(d);
            } else {
                servers.add((MailServerResult) o);
            }
        }
        buffered.clear();
        flushes++;
    }

    synchronized int stored() {
        return domains.size() + servers.size();
    }
}
