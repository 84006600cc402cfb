package io.mailcensus.worker.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import io.mailcensus.worker.net.AddressPolicy;
import io.mailcensus.worker.optout.OptOutList;
import io.mailcensus.worker.politeness.HostGates;
import io.mailcensus.worker.politeness.PolitenessSettings;
import io.mailcensus.worker.politeness.Scheduler;
import io.mailcensus.worker.smtp.MailServerTarget;
import io.mailcensus.worker.smtp.SmtpFailure;
import io.mailcensus.worker.smtp.SmtpProbeResult;
import io.mailcensus.worker.smtp.SmtpReply;
import io.mailcensus.worker.smtp.SmtpStage;
import io.mailcensus.worker.tls.CertificateVerdicts;
import io.mailcensus.worker.tls.TrustStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A mail server whose first answer may be passing gets one more connection, and only one. */
class SecondTryTest {

    private static final MailServerTarget TARGET = MailServerTarget.of(MxProbeTask.newBuilder().setScanId("s")
            .setHost("mx.example").setIp("127.0.0.10").setPort(25).setEnqueuedAt(Instant.EPOCH).build());

    /** The server's answers, one per connection, in order; the count of connections made. */
    private final ArrayDeque<Function<MailServerTarget, SmtpProbeResult>> answers = new ArrayDeque<>();
    private int connections;

    private MailServerProber prober(String backoffBase) {
        HostGates gates = new HostGates(PolitenessSettings.fromOptions(Map.of("per-minute", "60000", "delay-factor", "0",
                "backoff-base", backoffBase, "quarantine-after", "3")), Scheduler.system());
        return new MailServerProber(target -> {
            connections++;
            return CompletableFuture.completedFuture(answers.poll().apply(target));
        }, host -> CompletableFuture.completedFuture(TlsaFacts.absent()), gates, OptOutList.empty(),
                AddressPolicy.loopbackTestbed(), new CertificateVerdicts(TrustStore.of(List.of())), Clock.systemUTC());
    }

    private static SmtpProbeResult greeted(MailServerTarget t) {
        return new SmtpProbeResult(t, ConnectStatus.ok, 1, new SmtpReply(220, List.of("mx.example ESMTP")),
                SmtpSoftware.postfix, new SmtpReply(250, List.of("mx.example", "PIPELINING")), false,
                List.of("PIPELINING"), StarttlsStatus.not_offered, TlsStatus.not_attempted, null, null, null, List.of(),
                List.of("EHLO scanner.test", "QUIT"), Optional.empty());
    }

    private static SmtpProbeResult failed(MailServerTarget t, ConnectStatus connect, SmtpReply greeting,
            SmtpFailure.Kind kind, SmtpStage stage) {
        return new SmtpProbeResult(t, connect, connect == ConnectStatus.ok ? 1 : null, greeting, SmtpSoftware.unknown,
                null, false, List.of(), StarttlsStatus.not_checked, TlsStatus.not_attempted, null, null, null, List.of(),
                List.of(), Optional.of(new SmtpFailure(kind, stage, "test")));
    }

    private static SmtpProbeResult silentAfterConnect(MailServerTarget t) {
        return failed(t, ConnectStatus.ok, null, SmtpFailure.Kind.TIMEOUT, SmtpStage.GREETING);
    }

    private static MailServerResult run(MailServerProber prober, CompletableFuture<String> giveUp) throws Exception {
        return prober.probe("s", TARGET, giveUp).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aServerThatDidNotGreetInTimeIsAskedOnceMoreAndItsSecondAnswerIsStored() throws Exception {
        answers.add(SecondTryTest::silentAfterConnect);
        answers.add(SecondTryTest::greeted);
        MailServerProber prober = prober("PT0.001S");
        MailServerResult result = run(prober, new CompletableFuture<>());
        assertThat(result.getConnect()).isEqualTo(ConnectStatus.ok);
        assertThat(result.getStarttls()).isEqualTo(StarttlsStatus.not_offered);
        assertThat(result.getError()).isNull();
        assertThat(connections).isEqualTo(2);
        assertThat(prober.secondTries()).isEqualTo(1);
        assertThat(prober.answeredOnSecondTry()).isEqualTo(1);
    }

    @Test
    void aServerSilentTwiceStaysATimeoutWithoutAThirdConnection() throws Exception {
        answers.add(SecondTryTest::silentAfterConnect);
        answers.add(SecondTryTest::silentAfterConnect);
        MailServerProber prober = prober("PT0.001S");
        MailServerResult result = run(prober, new CompletableFuture<>());
        assertThat(result.getError()).startsWith("TIMEOUT at GREETING");
        assertThat(connections).isEqualTo(2);
        assertThat(prober.answeredOnSecondTry()).isZero();
    }

    @Test
    void a421GreetingOrAnEarlyCloseIsAskedOnceMore() throws Exception {
        answers.add(t -> failed(t, ConnectStatus.ok, new SmtpReply(421, List.of("too busy")), SmtpFailure.Kind.REJECTED,
                SmtpStage.GREETING));
        answers.add(t -> failed(t, ConnectStatus.ok, null, SmtpFailure.Kind.CLOSED, SmtpStage.GREETING));
        answers.add(SecondTryTest::greeted);
        MailServerProber prober = prober("PT0.001S");
        assertThat(run(prober, new CompletableFuture<>()).getError()).startsWith("CLOSED at GREETING");
        assertThat(connections).isEqualTo(2);
    }

    @Test
    void aConnectTimeoutARefusalOrA554IsNotTriedAgain() throws Exception {
        answers.add(t -> failed(t, ConnectStatus.timeout, null, SmtpFailure.Kind.TIMEOUT, SmtpStage.CONNECT));
        answers.add(t -> failed(t, ConnectStatus.refused, null, SmtpFailure.Kind.REFUSED, SmtpStage.CONNECT));
        answers.add(t -> failed(t, ConnectStatus.ok, new SmtpReply(554, List.of("no service")), SmtpFailure.Kind.REJECTED,
                SmtpStage.GREETING));
        MailServerProber prober = prober("PT0.001S");
        for (int i = 0; i < 3; i++) {
            run(prober, new CompletableFuture<>());
        }
        assertThat(connections).isEqualTo(3);
        assertThat(prober.secondTries()).isZero();
    }

    @Test
    void whenTheDomainsBudgetRunsOutDuringTheBackoffTheFirstAnswerStands() throws Exception {
        answers.add(SecondTryTest::silentAfterConnect);
        answers.add(SecondTryTest::greeted);
        MailServerProber prober = prober("PT10M");
        CompletableFuture<String> giveUp = new CompletableFuture<>();
        var result = prober.probe("s", TARGET, giveUp).toCompletableFuture();
        Thread.sleep(200); // the second try waits at the gate for its 10 minutes of backoff
        assertThat(result).isNotDone();
        giveUp.complete("budget spent");
        MailServerResult stored = result.get(10, TimeUnit.SECONDS);
        assertThat(stored.getConnect()).isEqualTo(ConnectStatus.ok);
        assertThat(stored.getError()).startsWith("TIMEOUT at GREETING");
        assertThat(connections).isEqualTo(1);
    }
}
