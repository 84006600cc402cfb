package io.mailcensus.worker.mailserver;

import io.mailcensus.worker.politeness.Scheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time budget of one domain's mail servers in one {@link MailServerStage}: it starts when the
 * first of the domain's probes starts, and once it is spent the domain's pairs that have not
 * started are left out. All fields are guarded by the stage's lock.
 */
final class DomainBudget {

    final String domain;
    /** The stage's entries this domain asked for that have not finished. */
    final List<MailServerStage.Entry> entries = new ArrayList<>(4);
    /** When the budget runs out; null until the first of the domain's probes starts. */
    Instant deadline;
    boolean spent;
    Scheduler.Cancellable timer;

    DomainBudget(String domain) {
        this.domain = domain;
    }
}
