package io.mailcensus.worker.loop;

import io.mailcensus.worker.dns.DomainChecker;
import io.mailcensus.worker.https.DnsAddressResolver;
import io.mailcensus.worker.https.WebProbes;
import io.mailcensus.worker.https.WebSetup;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.Scheduler;
import java.time.Clock;

/**
 * A worker's whole per-domain probe: the DNS checks, then (unless {@code --no-http}) the HTTPS
 * probes that the DNS answers call for. Mail servers are not here: they are probed once per
 * (host, IP) by the mail-server stage, not once per domain.
 */
public final class DomainProbes implements AutoCloseable {

    private final DomainChecker checker;
    private final WebProbes web;
    private final HostGates gates;

    public DomainProbes(DomainChecker checker, WebSetup setup, OptOutList optOut, Clock clock) {
        this.checker = checker;
        this.gates = new HostGates(setup.politeness(), Scheduler.system());
        this.web = setup.enabled()
                ? new WebProbes(setup.probes(), new DnsAddressResolver(checker.dns()), gates, clock, optOut)
                : null;
    }

    public DomainProbe probe() {
        if (web == null) {
            return checker::check;
        }
        return task -> {
            gates.beginRound(task.getScanId()); // a new round lifts the last one's quarantines
            return checker.check(task).thenCompose(web::enrich);
        };
    }

    @Override
    public void close() {
        if (web != null) {
            web.close();
        }
    }
}
