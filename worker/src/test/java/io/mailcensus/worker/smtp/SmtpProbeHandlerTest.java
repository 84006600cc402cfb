package io.mailcensus.worker.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

class SmtpProbeHandlerTest {

    private static final SmtpProbeSettings SETTINGS = SmtpProbeSettings.defaults("scanner.test")
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));

    private final SmtpProbeHandler handler = new SmtpProbeHandler(
            new MailServerTarget("mx.test", java.net.InetAddress.ofLiteral("127.0.0.1"), 25), SETTINGS, client(), System.nanoTime());
    private final EmbeddedChannel channel = new EmbeddedChannel(new SmtpInitializer(SETTINGS.limits(), handler));

    private static SslContext client() {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void server(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private String sent() {
        ByteBuf out = channel.readOutbound();
        try {
            return out == null ? null : out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }

    private SmtpProbeResult end() {
        channel.close();
        assertThat(handler.result()).isDone();
        SmtpProbeResult result = handler.result().join();
        assertThat(result.commandsSent()).noneMatch(c -> c.startsWith("MAIL") || c.startsWith("RCPT") || c.startsWith("DATA"));
        return result;
    }

    @Test
    void sendsEhloAfterTheGreetingAndQuitWhenStarttlsIsNotOffered() {
        server("220 mx.test ESMTP Postfix\r\n");
        assertThat(sent()).isEqualTo("EHLO scanner.test\r\n");
        server("250-mx.test\r\n250-SIZE 1000\r\n250 PIPELINING\r\n");
        assertThat(sent()).isEqualTo("QUIT\r\n");
        server("221 bye\r\n");
        SmtpProbeResult result = end();
        assertThat(result.completed()).isTrue();
        assertThat(result.connect()).isEqualTo(ConnectStatus.ok);
        assertThat(result.extensions()).containsExactly("SIZE 1000", "PIPELINING");
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.not_offered);
        assertThat(result.tls()).isEqualTo(TlsStatus.not_attempted);
        assertThat(result.commandsSent()).containsExactly("EHLO scanner.test", "QUIT");
    }

    @Test
    void fallsBackToHeloWhenEhloGetsA5xx() {
        server("220 old.test SMTP\r\n");
        sent();
        server("502 what\r\n");
        assertThat(sent()).isEqualTo("HELO scanner.test\r\n");
        server("250 old.test\r\n");
        assertThat(sent()).isEqualTo("QUIT\r\n");
        SmtpProbeResult result = end();
        assertThat(result.heloFallback()).isTrue();
        assertThat(result.ehlo().firstLine()).isEqualTo("250 old.test");
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.not_offered);
    }

    @Test
    void quitsPolitelyAfterA4xxGreeting() {
        server("421 mx.test too busy\r\n");
        assertThat(sent()).isEqualTo("QUIT\r\n");
        SmtpProbeResult result = end();
        assertThat(result.failure()).get().extracting(SmtpFailure::kind, SmtpFailure::stage)
                .containsExactly(SmtpFailure.Kind.REJECTED, SmtpStage.GREETING);
        assertThat(result.greeting().code()).isEqualTo(421);
    }

    @Test
    void putsTheTlsHandlerInFrontOfTheReplyDecoderAfterThe220ToStarttls() {
        server("220 mx.test ESMTP\r\n");
        sent();
        server("250-mx.test\r\n250 STARTTLS\r\n");
        assertThat(sent()).isEqualTo("STARTTLS\r\n");
        server("220 go ahead\r\n");
        assertThat(channel.pipeline().names()).containsSubsequence(
                SmtpInitializer.TLS, SmtpInitializer.REPLIES, SmtpInitializer.PROBE);
        // The ClientHello follows, not a command.
        ByteBuf hello = channel.readOutbound();
        assertThat(hello.getByte(hello.readerIndex())).isEqualTo((byte) 0x16);
        hello.release();
        SmtpProbeResult result = end();
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.accepted);
        assertThat(result.tls()).isEqualTo(TlsStatus.failed);
    }

    @Test
    void refusesBytesThatArriveWithThe220ToStarttls() {
        server("220 mx.test ESMTP\r\n");
        sent();
        server("250-mx.test\r\n250 STARTTLS\r\n");
        sent();
        server("220 go\r\n250 injected\r\n");
        assertThat(channel.pipeline().get(SmtpInitializer.TLS)).isNull();
        assertThat(channel.isOpen()).isFalse();
        SmtpProbeResult result = end();
        assertThat(result.failure()).get().extracting(SmtpFailure::kind)
                .isEqualTo(SmtpFailure.Kind.STARTTLS_INJECTION);
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.error);
        assertThat(result.tls()).isEqualTo(TlsStatus.not_attempted);
    }

    @Test
    void recordsStarttlsRefusedWithA5xxAndQuits() {
        server("220 mx.test ESMTP\r\n");
        sent();
        server("250-mx.test\r\n250 STARTTLS\r\n");
        sent();
        server("554 5.7.0 TLS not available\r\n");
        assertThat(sent()).isEqualTo("QUIT\r\n");
        SmtpProbeResult result = end();
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.refused);
        assertThat(result.failure()).isEmpty();
    }

    @Test
    void aTemporary454ToStarttlsIsAnErrorWithItsStageNotARefusal() {
        server("220 mx.test ESMTP\r\n");
        sent();
        server("250-mx.test\r\n250 STARTTLS\r\n");
        sent();
        server("454 4.7.0 TLS not available due to temporary reason\r\n");
        assertThat(sent()).isEqualTo("QUIT\r\n");
        SmtpProbeResult result = end();
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.error);
        assertThat(result.failure()).get().extracting(SmtpFailure::kind, SmtpFailure::stage)
                .containsExactly(SmtpFailure.Kind.REJECTED, SmtpStage.STARTTLS);
        assertThat(result.failure().get().detail()).startsWith("454");
    }

    @Test
    void timesOutAGreetingThatNeverCompletes() {
        server("220-mx.test still talking\r\n");
        channel.advanceTimeBy(5, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        SmtpProbeResult result = end();
        assertThat(result.failure()).get().extracting(SmtpFailure::kind, SmtpFailure::stage)
                .containsExactly(SmtpFailure.Kind.TIMEOUT, SmtpStage.GREETING);
        assertThat(result.commandsSent()).isEmpty();
    }

    @Test
    void endsAtTheDeadlineEvenWhenEveryStageAnswersInTime() {
        SmtpProbeSettings settings = SETTINGS.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(8));
        SmtpProbeHandler slow = new SmtpProbeHandler(
                new MailServerTarget("mx.test", java.net.InetAddress.ofLiteral("127.0.0.1"), 25), settings, client(), System.nanoTime());
        EmbeddedChannel slowChannel = new EmbeddedChannel(new SmtpInitializer(settings.limits(), slow));
        slowChannel.advanceTimeBy(4, TimeUnit.SECONDS);
        slowChannel.runScheduledPendingTasks();
        slowChannel.writeInbound(Unpooled.copiedBuffer("220 mx.test ESMTP\r\n", StandardCharsets.US_ASCII));
        // The EHLO reply timer would fire at 9 s; the 8 s deadline comes first.
        slowChannel.advanceTimeBy(4500, TimeUnit.MILLISECONDS);
        slowChannel.runScheduledPendingTasks();
        assertThat(slowChannel.isOpen()).isFalse();
        assertThat(slow.result().join().failure()).get().extracting(SmtpFailure::kind, SmtpFailure::stage)
                .containsExactly(SmtpFailure.Kind.DEADLINE, SmtpStage.EHLO);
        slowChannel.finishAndReleaseAll();
    }

    @Test
    void turnsACapViolationIntoATypedFailure() {
        server("220 mx.test ESMTP\r\n");
        sent();
        server("250-x\r\n".repeat(SETTINGS.limits().maxReplyLines() + 1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(end().failure()).get().extracting(SmtpFailure::kind, SmtpFailure::stage)
                .containsExactly(SmtpFailure.Kind.TOO_MANY_LINES, SmtpStage.EHLO);
    }

    @Test
    void recordsAServerThatHangsUpMidConversation() {
        server("220 mx.test ESMTP\r\n");
        sent();
        SmtpProbeResult result = end();
        assertThat(result.failure()).get().extracting(SmtpFailure::kind, SmtpFailure::stage)
                .containsExactly(SmtpFailure.Kind.CLOSED, SmtpStage.EHLO);
    }
}
