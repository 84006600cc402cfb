package io.mailcensus.worker.webstage;

import io.mailcensus.core.metrics.MeterNames;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.https.DnsAddressResolver;
import io.mailcensus.worker.https.HttpsClient;
import io.mailcensus.worker.https.WebProbes;
import io.mailcensus.worker.https.WebSetup;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.Scheduler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Everything one worker needs to run web probe tasks, built from the settings and closed
 * together: the HTTPS client, its adaptive per-IP gates, and the {@link WebStage}. Domain rows
 * with their web checks go to {@code publish} (the store writer in-process, or a Kafka producer).
 */
public final class WebServers implements AutoCloseable {

    private final WebProbes probes;
    private final WebStage stage;
    private final HostGates gates;

    public WebServers(WebSetup setup, DnsClient dns, OptOutList optOut, Consumer<DomainResult> publish, Clock clock,
            Metrics metrics) {
        this.gates = new HostGates(setup.politeness(), Scheduler.system());
        KnownAddresses known = new KnownAddresses(new DnsAddressResolver(dns));
        this.probes = new WebProbes(setup.probes(), known, gates, clock, optOut);
        this.stage = new WebStage(probes::enrich, known, publish, gates::beginRound, Math.max(1, setup.backlog()),
                Math.max(1, setup.politeness().maxConnections()), clock, metrics);
        HttpsClient client = probes.client();
        metrics.gauge(MeterNames.HTTPS_COME_BACK_TRIES, client, HttpsClient::comeBackAnswered, "answered", "true");
        metrics.gauge(MeterNames.HTTPS_COME_BACK_TRIES, client, c -> c.comeBackTries() - c.comeBackAnswered(),
                "answered", "false");
    }

    /** The per-IP HTTPS gates of the web stage. */
    public HostGates gates() {
        return gates;
    }

    /** The HTTPS client of these probes (its counts of second requests after a 429). */
    public HttpsClient client() {
        return probes.client();
    }

    public WebStage stage() {
        return stage;
    }

    /** Waits for every queued task to finish and be published; false on timeout. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        return stage.awaitIdle(timeout, unit);
    }

    @Override
    public void close() {
        probes.close();
    }
}
