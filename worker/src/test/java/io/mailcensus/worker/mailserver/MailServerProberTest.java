package io.mailcensus.worker.mailserver;

import io.mailcensus.worker.net.AddressPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.politeness.Scheduler;
import io.mailcensus.worker.smtp.MailServerTarget;
import io.mailcensus.worker.smtp.SmtpFailure;
import io.mailcensus.worker.smtp.SmtpProbeResult;
import io.mailcensus.worker.smtp.SmtpStage;
import io.mailcensus.worker.tls.CertificateVerdicts;
import io.mailcensus.worker.tls.TlsaRecord;
import io.mailcensus.worker.tls.TrustStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MailServerProberTest {

    private static final TlsaRecord EE = TlsaRecord.parse("3 1 1 " + "ab".repeat(32));

    private final AtomicInteger connections = new AtomicInteger();
    private final HostGates gates = new HostGates(PolitenessSettings.fromOptions(Map.of(
            "per-minute", "60000", "delay-factor", "0", "backoff-base", "PT0.001S", "quarantine-after", "1")),
            Scheduler.system());

    private MailServerProber prober(MailServerProber.Smtp smtp, TlsaFacts tlsa, OptOutList optOut) {
        return new MailServerProber(target -> {
            connections.incrementAndGet();
            return smtp.apply(target);
        }, host -> CompletableFuture.completedFuture(tlsa), gates, optOut,
                AddressPolicy.loopbackTestbed(), new CertificateVerdicts(TrustStore.of(List.of())), Clock.systemUTC());
    }

    private static MxProbeTask task(String host, String ip) {
        return MxProbeTask.newBuilder().setScanId("s").setHost(host).setIp(ip).setPort(25)
                .setEnqueuedAt(Instant.EPOCH).build();
    }

    private static SmtpProbeResult noStarttls(MailServerTarget target) {
        return new SmtpProbeResult(target, ConnectStatus.ok,
                3, null, SmtpSoftware.postfix, null, false, List.of("PIPELINING"), StarttlsStatus.not_offered,
                TlsStatus.not_attempted, null, null, null, List.of(), List.of("EHLO scanner.test", "QUIT"),
                Optional.empty());
    }

    private static SmtpProbeResult refused(MailServerTarget target) {
        return new SmtpProbeResult(target, ConnectStatus.refused, null, null, SmtpSoftware.unknown, null, false, List.of(),
                StarttlsStatus.not_checked, TlsStatus.not_attempted, null, null, null, List.of(), List.of(),
                Optional.of(new SmtpFailure(SmtpFailure.Kind.REFUSED, SmtpStage.CONNECT, "refused")));
    }

    private static MailServerResult run(MailServerProber prober, MxProbeTask task) throws Exception {
        return prober.probe(task.getScanId(), MailServerTarget.of(task)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anOptedOutServerGetsNoPacketButAResult() throws Exception {
        MailServerProber prober = prober(t -> CompletableFuture.completedFuture(noStarttls(t)),
                TlsaFacts.absent(), OptOutList.parse("127.0.0.0/24\n"));
        MailServerResult result = run(prober, task("mx.example", "127.0.0.10"));
        assertThat(result.getConnect()).isEqualTo(ConnectStatus.opted_out);
        assertThat(connections).hasValue(0);
    }

    @Test
    void anOptedOutHostNameGetsNoPacket() throws Exception {
        MailServerProber prober = prober(t -> CompletableFuture.completedFuture(noStarttls(t)),
                TlsaFacts.absent(), OptOutList.parse("mx.example\n"));
        assertThat(run(prober, task("MX.example", "127.0.0.10")).getConnect()).isEqualTo(ConnectStatus.opted_out);
        assertThat(connections).hasValue(0);
    }

    @Test
    void secureTlsaWithoutStarttlsIsADaneFailure() throws Exception {
        MailServerProber prober = prober(t -> CompletableFuture.completedFuture(noStarttls(t)),
                new TlsaFacts(CheckStatus.present, List.of(EE), DnssecStatus.secure, null), OptOutList.empty());
        MailServerResult result = run(prober, task("mx.example", "127.0.0.10"));
        assertThat(result.getConnect()).isEqualTo(ConnectStatus.ok);
        assertThat(result.getStarttls()).isEqualTo(StarttlsStatus.not_offered);
        assertThat(result.getTlsaStatus()).isEqualTo(CheckStatus.present);
        assertThat(result.getTlsaDnssec()).isEqualTo(DnssecStatus.secure);
        assertThat(result.getTlsa()).containsExactly(EE.presentation());
        assertThat(result.getDaneValid()).isFalse();
        assertThat(result.getPkixValid()).isNull();
    }

    @Test
    void insecureTlsaDoesNotCountForDane() throws Exception {
        MailServerProber prober = prober(t -> CompletableFuture.completedFuture(noStarttls(t)),
                new TlsaFacts(CheckStatus.present, List.of(EE), DnssecStatus.insecure, null), OptOutList.empty());
        MailServerResult result = run(prober, task("mx.example", "127.0.0.10"));
        assertThat(result.getTlsaDnssec()).isEqualTo(DnssecStatus.insecure);
        assertThat(result.getDaneValid()).isNull();
    }

    @Test
    void aFailingTlsaLookupIsAnErrorNotAbsence() throws Exception {
        MailServerProber prober = prober(t -> CompletableFuture.completedFuture(noStarttls(t)),
                TlsaFacts.failed("timeout"), OptOutList.empty());
        assertThat(run(prober, task("mx.example", "127.0.0.10")).getTlsaStatus()).isEqualTo(CheckStatus.error);
    }

    @Test
    void anAddressThatKeepsRefusingIsQuarantinedForTheRound() throws Exception {
        MailServerProber prober = prober(t -> CompletableFuture.completedFuture(refused(t)),
                TlsaFacts.absent(), OptOutList.empty());
        assertThat(run(prober, task("mx1.example", "127.0.0.10")).getConnect()).isEqualTo(ConnectStatus.refused);
        assertThat(run(prober, task("mx2.example", "127.0.0.10")).getConnect()).isEqualTo(ConnectStatus.quarantined);
        assertThat(connections).hasValue(1);
    }

    @Test
    void aBugInTheConversationBecomesAnErrorResultAndFreesTheAddress() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        MailServerProber prober = prober(t -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("bug");
            }
            return CompletableFuture.completedFuture(noStarttls(t));
        }, TlsaFacts.absent(), OptOutList.empty());
        MailServerResult first = run(prober, task("mx1.example", "127.0.0.11"));
        assertThat(first.getConnect()).isEqualTo(ConnectStatus.error);
        assertThat(first.getError()).contains("bug");
    }
}
