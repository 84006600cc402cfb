package io.mailcensus.worker.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe against scripted servers on loopback: a well-behaved STARTTLS server and the hostile
 * ones the probe must survive in bounded time and memory. Stage timers are 300 ms, so each test
 * takes about a second at most; a test whose server behaves gives its stages 5 s instead, since a
 * cold JVM's first TLS handshake on a loaded machine can take longer than 300 ms.
 */
class SmtpProbeLoopbackTest {

    private static final String MX = "mx.test";
    private static SSLContext serverTls;

    private LoopbackSmtpServer server;
    private SmtpProbe probe;

    @BeforeAll
    static void makeCertificate() throws Exception {
        serverTls = SelfSignedCertificate.serverContext(MX);
    }

    @AfterEach
    void stop() throws Exception {
        if (probe != null) {
            probe.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SmtpProbeResult probe(LoopbackSmtpServer.Script script) throws Exception {
        server = new LoopbackSmtpServer(serverTls, script);
        return probeAt(server.port(), HOSTILE_STAGE);
    }

    /** A server that behaves: the stage timers are no part of what is tested. */
    private SmtpProbeResult probeWellBehaved(LoopbackSmtpServer.Script script) throws Exception {
        server = new LoopbackSmtpServer(serverTls, script);
        return probeAt(server.port(), Duration.ofSeconds(5));
    }

    private static final Duration HOSTILE_STAGE = Duration.ofMillis(300);

    private SmtpProbeResult probeAt(int port) throws Exception {
        return probeAt(port, HOSTILE_STAGE);
    }

    private SmtpProbeResult probeAt(int port, Duration stage) throws Exception {
        SmtpProbeSettings settings = SmtpProbeSettings.defaults("scanner.test").withPort(port)
                .withTimeouts(stage, stage == HOSTILE_STAGE ? Duration.ofSeconds(3) : stage.multipliedBy(3));
        probe = new SmtpProbe(settings, 1);
        SmtpProbeResult result = probe.probe(new MailServerTarget(MX, InetAddress.getLoopbackAddress(), port))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(result.commandsSent()).noneMatch(SmtpProbeLoopbackTest::sendsMail);
        if (server != null) {
            assertThat(server.received).noneMatch(SmtpProbeLoopbackTest::sendsMail);
        }
        return result;
    }

    private static boolean sendsMail(String line) {
        String upper = line.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("MAIL") || upper.startsWith("RCPT") || upper.startsWith("DATA");
    }

    private static SmtpFailure failure(SmtpProbeResult result) {
        assertThat(result.failure()).isPresent();
        return result.failure().orElseThrow();
    }

    private static void greetAndOfferStarttls(LoopbackSmtpServer.Conversation c) throws Exception {
        c.send("220 mx.test ESMTP Postfix (Debian/GNU)\r\n");
        c.read();
        c.send("250-mx.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME\r\n");
        c.read();
    }

    @Test
    void upgradesWithStarttlsAndRecordsProtocolCipherAndChain() throws Exception {
        SmtpProbeResult result = probeWellBehaved(c -> {
            greetAndOfferStarttls(c);
            c.send("220 2.0.0 Ready to start TLS\r\n");
            c.startTls();
            c.read();
            c.send("250-mx.test\r\n250 PIPELINING\r\n");
            c.answerUntilQuit();
        });
        assertThat(result.completed()).as("%s", result.failure()).isTrue();
        assertThat(result.connect()).isEqualTo(ConnectStatus.ok);
        assertThat(result.software()).isEqualTo(SmtpSoftware.postfix);
        assertThat(result.extensions()).containsExactly("PIPELINING", "SIZE 10240000", "STARTTLS", "8BITMIME");
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.accepted);
        assertThat(result.tls()).isEqualTo(TlsStatus.ok);
        assertThat(result.tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(result.tlsCipher()).startsWith("TLS_");
        assertThat(result.chain()).hasSize(1);
        assertThat(result.chain().getFirst().getSubjectX500Principal().getName()).isEqualTo("CN=mx.test");
        assertThat(server.sniNames).containsExactly(MX);
        assertThat(server.received).containsExactly("EHLO scanner.test", "STARTTLS", "EHLO scanner.test", "QUIT");

        MailServerResult avro = MailServerResults.toAvro(result, "scan-1", Instant.EPOCH).build();
        assertThat(avro.getHost()).isEqualTo(MX);
        assertThat(avro.getIp()).isEqualTo("127.0.0.1");
        assertThat(avro.getPort()).isEqualTo(server.port());
        assertThat(avro.getGreeting()).isEqualTo("220 mx.test ESMTP Postfix (Debian/GNU)");
        assertThat(avro.getEhlo()).isEqualTo("250-mx.test");
        assertThat(avro.getTls()).isEqualTo(TlsStatus.ok);
        assertThat(avro.getConnectMs()).isNotNull();
        assertThat(avro.getError()).isNull();
    }

    @Test
    void anIpv6ServersAddressIsWrittenInTheFormTheMxDataUses() throws Exception {
        InetAddress v6 = InetAddress.ofLiteral("::1");
        server = new LoopbackSmtpServer(serverTls, c -> {
            c.send("220 mx.test ESMTP\r\n");
            c.read();
            c.send("250 mx.test\r\n");
            c.answerUntilQuit();
        }, v6);
        SmtpProbeSettings settings = SmtpProbeSettings.defaults("scanner.test").withPort(server.port())
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(3));
        probe = new SmtpProbe(settings, 1);
        SmtpProbeResult result = probe.probe(new MailServerTarget(MX, v6, server.port())).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(result.connect()).isEqualTo(ConnectStatus.ok);
        // RFC 5952, as MxCheckReader writes AAAA data: never "0:0:0:0:0:0:0:1"
        assertThat(result.target().ipText()).isEqualTo("::1");
        assertThat(MailServerResults.toAvro(result, "scan-1", Instant.EPOCH).build().getIp()).isEqualTo("::1");
    }

    @Test
    void quitsWhenStarttlsIsNotOffered() throws Exception {
        SmtpProbeResult result = probeWellBehaved(c -> {
            c.send("220 mx.test ESMTP Exim 4.96\r\n");
            c.read();
            c.send("250-mx.test Hello\r\n250 SIZE 1000\r\n");
            c.answerUntilQuit();
        });
        assertThat(result.completed()).isTrue();
        assertThat(result.software()).isEqualTo(SmtpSoftware.exim);
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.not_offered);
        assertThat(result.tls()).isEqualTo(TlsStatus.not_attempted);
        assertThat(server.received).containsExactly("EHLO scanner.test", "QUIT");
    }

    @Test
    void recordsA4xxGreetingAndStillSaysQuit() throws Exception {
        SmtpProbeResult result = probe(c -> {
            c.send("421 mx.test Service not available, try later\r\n");
            c.answerUntilQuit();
        });
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.REJECTED);
        assertThat(result.greeting().code()).isEqualTo(421);
        assertThat(server.received).containsExactly("QUIT");
        assertThat(MailServerResults.toAvro(result, "s", Instant.EPOCH).build().getError()).startsWith("REJECTED");
    }

    @Test
    void stopsAnEndlessMultiLineGreetingAtTheLineCap() throws Exception {
        SmtpProbeResult result = probe(c -> {
            while (true) {
                c.send("220-mx.test " + "x".repeat(60) + "\r\n");
            }
        });
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.TOO_MANY_LINES);
        assertThat(failure(result).stage()).isEqualTo(SmtpStage.GREETING);
        assertThat(result.commandsSent()).isEmpty();
    }

    @Test
    void stopsAnEndlessGreetingLineAtTheLengthCap() throws Exception {
        SmtpProbeResult result = probe(c -> {
            c.send("220 ");
            while (true) {
                c.send("x".repeat(500));
            }
        });
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.LINE_TOO_LONG);
    }

    @Test
    void stopsAHundredThousandLineEhloReply() throws Exception {
        SmtpProbeResult result = probe(c -> {
            c.send("220 mx.test ESMTP\r\n");
            c.read();
            c.send("250-EXTENSION\r\n".repeat(100_000) + "250 end\r\n");
            c.waitForClose();
        });
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.TOO_MANY_LINES);
        assertThat(failure(result).stage()).isEqualTo(SmtpStage.EHLO);
        assertThat(result.commandsSent()).containsExactly("EHLO scanner.test");
    }

    @Test
    void givesUpOnAServerThatDripsOneBytePerSecond() throws Exception {
        SmtpProbeResult result = probe(c -> {
            for (char b : "220 mx.test ESMTP\r\n".toCharArray()) {
                c.send(String.valueOf(b));
                Thread.sleep(1000);
            }
        });
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.TIMEOUT);
        assertThat(failure(result).stage()).isEqualTo(SmtpStage.GREETING);
        assertThat(result.connect()).isEqualTo(ConnectStatus.ok);
    }

    @Test
    void givesUpOnAServerThatAcceptsAndNeverSpeaks() throws Exception {
        SmtpProbeResult result = probe(LoopbackSmtpServer.Conversation::waitForClose);
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.TIMEOUT);
        assertThat(failure(result).stage()).isEqualTo(SmtpStage.GREETING);
        assertThat(server.received).isEmpty();
    }

    @Test
    void failsTheHandshakeWhenGarbageFollowsStarttls() throws Exception {
        SmtpProbeResult result = probe(c -> {
            greetAndOfferStarttls(c);
            c.send("220 go ahead\r\n");
            c.rawInput().read(new byte[5]); // the ClientHello has started
            c.send("this is not TLS at all\r\n".repeat(10));
            c.waitForClose();
        });
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.TLS_FAILED);
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.accepted);
        assertThat(result.tls()).isEqualTo(TlsStatus.failed);
        assertThat(result.tlsError()).isNotBlank();
    }

    @Test
    void timesOutAHandshakeTheServerNeverAnswers() throws Exception {
        SmtpProbeResult result = probe(c -> {
            greetAndOfferStarttls(c);
            c.send("220 go ahead\r\n");
            c.waitForClose();
        });
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.TIMEOUT);
        assertThat(failure(result).stage()).isEqualTo(SmtpStage.TLS_HANDSHAKE);
        assertThat(result.tls()).isEqualTo(TlsStatus.failed);
    }

    @Test
    void refusesBytesInjectedBehindThe220ToStarttls() throws Exception {
        SmtpProbeResult result = probe(c -> {
            greetAndOfferStarttls(c);
            c.send("220 go\r\n250-injected before TLS\r\n");
            c.waitForClose();
        });
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.STARTTLS_INJECTION);
        assertThat(result.starttls()).isEqualTo(StarttlsStatus.error);
        assertThat(result.tls()).isEqualTo(TlsStatus.not_attempted);
        assertThat(server.received).containsExactly("EHLO scanner.test", "STARTTLS");
    }

    @Test
    void recordsARefusedConnection() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SmtpProbeResult result = probeAt(closedPort);
        assertThat(result.connect()).isEqualTo(ConnectStatus.refused);
        assertThat(failure(result).kind()).isEqualTo(SmtpFailure.Kind.REFUSED);
        assertThat(result.commandsSent()).isEmpty();
        assertThat(result.software()).isEqualTo(SmtpSoftware.unknown);
    }
}
