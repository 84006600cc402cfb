package io.mailcensus.coordinator.rescan;

import io.mailcensus.core.name.DomainName;
import java.time.Instant;

/** Takes the domains as they fall due; may block (backpressure), which only delays later ones. */
@FunctionalInterface
public interface DueSink {

    /**
     * @param round the round ({@link RescanSchedule#round}) the scan belongs to: its scan id
     * @param at the instant the domain was due (its slot), not when this call happens
     */
    void due(DomainName domain, long round, Instant at) throws InterruptedException;
}
