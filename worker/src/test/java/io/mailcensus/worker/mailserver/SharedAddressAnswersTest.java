package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.worker.net.AddressPolicy;
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
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The names on one mail server address share its answer only where the name cannot change it:
 * before TLS always, after TLS once two names saw the same handshake, never for a name with TLSA
 * records, and never again once two names saw different certificates.
 */
class SharedAddressAnswersTest {

    private static final TestCa CA = TestCa.create("shared address test CA");
    private static final Instant NOW = Instant.now();
    private static final X509Certificate SHARED_CERT = CA.issue("shared", List.of("server.isp.test"), NOW.minus(
            Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))).certificate();
    private static final String IP = "127.0.0.10";

    private final List<String> connections = new ArrayList<>(); // SNI names, in order

    private MailServerProber prober(Function<MailServerTarget, SmtpProbeResult> server, TlsaFacts tlsa, boolean reuse) {
        HostGates gates = new HostGates(PolitenessSettings.fromOptions(Map.of(
                "per-minute", "60000", "delay-factor", "0", "backoff-base", "PT0.001S", "quarantine-after", "100")),
                Scheduler.system());
        return new MailServerProber(target -> {
            synchronized (connections) {
                connections.add(target.host());
            }
            return CompletableFuture.completedFuture(server.apply(target));
        }, host -> CompletableFuture.completedFuture(host.startsWith("dane.") ? withTlsa() : tlsa), gates,
                OptOutList.empty(), AddressPolicy.loopbackTestbed(),
                new CertificateVerdicts(TrustStore.of(List.of(CA.certificate()))), Clock.systemUTC(), reuse);
    }

    private static TlsaFacts withTlsa() {
        return new TlsaFacts(CheckStatus.present, List.of(TlsaRecord.parse("3 1 1 " + "ab".repeat(32))),
                DnssecStatus.secure, null);
    }

    private static MailServerResult probe(MailServerProber prober, String host) throws Exception {
        return prober.probe("round-1", new MailServerTarget(host, InetAddress.ofLiteral(IP), 25))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static SmtpProbeResult noStarttls(MailServerTarget target) {
        return new SmtpProbeResult(target, ConnectStatus.ok, 3, null, SmtpSoftware.postfix, null, false,
                List.of("PIPELINING"), StarttlsStatus.not_offered, TlsStatus.not_attempted, null, null, null, List.of(),
                List.of("EHLO scanner.test", "QUIT"), Optional.empty());
    }

    private static SmtpProbeResult tls(MailServerTarget target, X509Certificate leaf) {
        return new SmtpProbeResult(target, ConnectStatus.ok, 3, null, SmtpSoftware.postfix, null, false,
                List.of("STARTTLS"), StarttlsStatus.accepted, TlsStatus.ok, null, "TLSv1.3", "TLS_AES_256_GCM_SHA384",
                List.of(leaf), List.of("EHLO scanner.test", "STARTTLS", "EHLO scanner.test", "QUIT"), Optional.empty());
    }

    /** A server that shows each SNI name a certificate of its own. */
    private static Function<MailServerTarget, SmtpProbeResult> certificatePerName() {
        Map<String, X509Certificate> certs = new java.util.concurrent.ConcurrentHashMap<>();
        return t -> tls(t, certs.computeIfAbsent(t.host(), h -> CA.issue(h, List.of(h), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30))).certificate()));
    }

    @Test
    void anAddressWithoutStarttlsIsAskedOnceForAllItsNames() throws Exception {
        MailServerProber prober = prober(SharedAddressAnswersTest::noStarttls, TlsaFacts.absent(), true);
        MailServerResult first = probe(prober, "mail.a.test");
        MailServerResult second = probe(prober, "mail.b.test");
        MailServerResult third = probe(prober, "mail.c.test");
        assertThat(connections).containsExactly("mail.a.test");
        assertThat(first.getAnswerOf()).isNull();
        assertThat(second.getAnswerOf()).isEqualTo("mail.a.test");
        assertThat(third.getHost()).isEqualTo("mail.c.test");
        assertThat(third.getStarttls()).isEqualTo(StarttlsStatus.not_offered);
        assertThat(third.getProbedAt()).isEqualTo(first.getProbedAt());
    }

    @Test
    void aServerShowingOneCertificateToTwoNamesAnswersItsOtherNamesWithTheirOwnNameVerdict() throws Exception {
        MailServerProber prober = prober(t -> tls(t, SHARED_CERT), TlsaFacts.absent(), true);
        probe(prober, "mail.a.test");
        probe(prober, "mail.b.test");
        MailServerResult reused = probe(prober, "server.isp.test");
        MailServerResult other = probe(prober, "mail.d.test");
        assertThat(connections).containsExactly("mail.a.test", "mail.b.test");
        assertThat(reused.getAnswerOf()).isEqualTo("mail.a.test");
        assertThat(reused.getHostnameMatch()).as("its own name is on the shared certificate").isTrue();
        assertThat(other.getHostnameMatch()).isFalse();
        assertThat(other.getPkixValid()).isTrue();
        assertThat(other.getChain()).hasSize(1);
    }

    @Test
    void aServerChoosingItsCertificateBySniGivesEveryNameAConnection() throws Exception {
        MailServerProber prober = prober(certificatePerName(), TlsaFacts.absent(), true);
        for (String host : List.of("mail.a.test", "mail.b.test", "mail.c.test", "mail.d.test")) {
            MailServerResult row = probe(prober, host);
            assertThat(row.getAnswerOf()).isNull();
            assertThat(row.getHostnameMatch()).as(host).isTrue();
        }
        assertThat(connections).hasSize(4);
    }

    @Test
    void aNameWithTlsaRecordsIsAlwaysAskedItself() throws Exception {
        MailServerProber prober = prober(SharedAddressAnswersTest::noStarttls, TlsaFacts.absent(), true);
        probe(prober, "mail.a.test");
        MailServerResult dane = probe(prober, "dane.b.test");
        assertThat(connections).containsExactly("mail.a.test", "dane.b.test");
        assertThat(dane.getAnswerOf()).isNull();
        assertThat(dane.getDaneValid()).as("secure TLSA, no STARTTLS").isFalse();
    }

    @Test
    void aTransientFailureTeachesNothing() throws Exception {
        // mail.a.test never greets in time: its first connection and its second try teach nothing
        Function<MailServerTarget, SmtpProbeResult> busy = t -> t.host().equals("mail.a.test")
                ? new SmtpProbeResult(t, ConnectStatus.ok, 3, null, SmtpSoftware.unknown, null, false, List.of(),
                        StarttlsStatus.not_checked, TlsStatus.not_attempted, null, null, null, List.of(), List.of(),
                        Optional.of(new SmtpFailure(SmtpFailure.Kind.TIMEOUT, SmtpStage.GREETING, "timeout")))
                : noStarttls(t);
        MailServerProber prober = prober(busy, TlsaFacts.absent(), true);
        probe(prober, "mail.a.test");
        probe(prober, "mail.b.test");
        MailServerResult third = probe(prober, "mail.c.test");
        assertThat(connections).containsExactly("mail.a.test", "mail.a.test", "mail.b.test");
        assertThat(third.getAnswerOf()).isEqualTo("mail.b.test");
    }

    @Test
    void everyNameGetsAConnectionWhenReuseIsOff() throws Exception {
        MailServerProber prober = prober(SharedAddressAnswersTest::noStarttls, TlsaFacts.absent(), false);
        probe(prober, "mail.a.test");
        probe(prober, "mail.b.test");
        probe(prober, "mail.c.test");
        assertThat(connections).hasSize(3);
    }

    @Test
    void theLeastRecentlyAskedAddressIsForgottenBeyondTheBound() {
        SharedAddressAnswers answers = new SharedAddressAnswers(2);
        answers.beginRound("r");
        for (String ip : List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")) {
            answers.record(noStarttls(new MailServerTarget("mail.a.test", InetAddress.ofLiteral(ip), 25)), NOW);
        }
        assertThat(answers.reusable(new MailServerTarget("mail.b.test", InetAddress.ofLiteral("127.0.0.1"), 25))).isEmpty();
        assertThat(answers.reusable(new MailServerTarget("mail.b.test", InetAddress.ofLiteral("127.0.0.3"), 25))).isPresent();
    }

    @Test
    void aNewRoundAsksAgain() throws Exception {
        MailServerProber prober = prober(SharedAddressAnswersTest::noStarttls, TlsaFacts.absent(), true);
        probe(prober, "mail.a.test");
        prober.probe("round-2", new MailServerTarget("mail.b.test", InetAddress.ofLiteral(IP), 25))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(connections).containsExactly("mail.a.test", "mail.b.test");
    }

    @Test
    void theStageCountsReusedAnswers() throws Exception {
        MailServerProber prober = prober(SharedAddressAnswersTest::noStarttls, TlsaFacts.absent(), true);
        List<MailServerResult> published = new ArrayList<>();
        MailServerStage stage = new MailServerStage(new MailServerStage.Probe() {
            @Override
            public java.util.concurrent.CompletionStage<MailServerResult> probe(String scanId, MailServerTarget target) {
                return prober.probe(scanId, target);
            }
        }, r -> {
            synchronized (published) {
                published.add(r);
            }
        }, 8, 1, Clock.systemUTC(), Metrics.none());
        for (String host : List.of("mail.a.test", "mail.b.test", "mail.c.test")) {
            stage.submit(new MailServerTarget(host, InetAddress.ofLiteral(IP), 25).toTask("round-1", NOW));
        }
        assertThat(stage.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        assertThat(published).hasSize(3);
        assertThat(stage.probed()).isEqualTo(3);
        assertThat(stage.reused()).isEqualTo(2);
        assertThat(connections).hasSize(1);
    }
}
