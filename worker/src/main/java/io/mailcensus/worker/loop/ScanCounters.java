package io.mailcensus.worker.loop;

import io.mailcensus.schemas.DomainResult;
import java.util.concurrent.atomic.AtomicLong;

/** Live counts for progress lines: domains started, done, and how they ended. */
public final class ScanCounters {

    final AtomicLong started = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong nxdomain = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong notStarted = new AtomicLong();

    void count(DomainResult r) {
        switch (r.getStatus()) {
            case error -> errors.incrementAndGet();
            case nxdomain -> nxdomain.incrementAndGet();
            case ok -> {}
        }
        done.incrementAndGet();
    }

    public long started() {
        return started.get();
    }

    public long done() {
        return done.get();
    }

    /** Domains whose scan ended in error (every query failed, or a probe bug). */
    public long errors() {
        return errors.get();
    }

    public long nxdomain() {
        return nxdomain.get();
    }

    /** Domains taken but given up unprobed because the scan stopped: a resumed scan probes them. */
    public long notStarted() {
        return notStarted.get();
    }

    /** Results that could not be published: should stay 0. */
    public long lost() {
        return lost.get();
    }
}
