package io.mailcensus.worker.mailserver;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.Scheduler;
import io.mailcensus.worker.smtp.SmtpProbe;
import io.mailcensus.worker.tls.CertificateVerdicts;
import io.mailcensus.worker.smtp.MailServerTarget;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Everything one worker needs to probe mail servers, built from the settings and closed together:
 * the SMTP client's event loop, the IP gates, the round cache and scheduler. Results go to
 * {@code publish} (the aggregator in-process, or a Kafka producer).
 */
public final class MailServers implements AutoCloseable {

    private final SmtpProbe smtp;
    private final MailServerStage stage;
    private final HostGates gates;
    private final MailServerProber prober;

    public MailServers(MailServerSettings settings, DnsClient dns, Consumer<MailServerResult> publish, Clock clock) {
        this(settings, dns, publish, clock, Metrics.none());
    }

    public MailServers(MailServerSettings settings, DnsClient dns, Consumer<MailServerResult> publish, Clock clock,
            Metrics metrics) {
        this.smtp = new SmtpProbe(settings.smtp(), 2);
        Scheduler scheduler = Scheduler.system();
        this.gates = new HostGates(settings.politeness(), scheduler);
        this.prober = new MailServerProber(smtp::probe, new TlsaLookup(dns), gates, settings.optOut(),
                settings.addresses(), new CertificateVerdicts(settings.trust()), clock, !settings.everyName(), metrics);
        MailServerStage.Probe probe = new MailServerStage.Probe() {
            @Override
            public CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target) {
                return prober.probe(scanId, target);
            }

            @Override
            public CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target,
                    CompletionStage<String> giveUp) {
                return prober.probe(scanId, target, giveUp);
            }
        };
        this.stage = new MailServerStage(probe, publish, settings.maxActive(), settings.politeness().connections(),
                clock, metrics, settings.budget().time(), scheduler);
    }

    /** The per-IP SMTP gates. */
    public HostGates gates() {
        return gates;
    }

    public MailServerStage stage() {
        return stage;
    }

    /** The prober: its counts of second tries. */
    public MailServerProber prober() {
        return prober;
    }

    /** Waits for every queued probe to finish and be published; false on timeout. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        return stage.awaitIdle(timeout, unit);
    }

    @Override
    public void close() {
        smtp.close();
    }
}
