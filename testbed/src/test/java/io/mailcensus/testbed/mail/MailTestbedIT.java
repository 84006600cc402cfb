package io.mailcensus.testbed.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.testbed.pki.TestCa;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every personality on 127.25.0.x port 25: real Postfix and Exim, asked by a plain Java client. */
@Timeout(120)
class MailTestbedIT {

    static final String VALID = "127.25.0.1";
    static final String EXPIRED = "127.25.0.2";
    static final String WRONG_NAME = "127.25.0.3";
    static final String SELF_SIGNED = "127.25.0.4";
    static final String NO_TLS = "127.25.0.5";
    static final String EXIM = "127.25.0.6";
    static final String REFUSES = "127.25.0.7";
    static final Duration LOG_WAIT = Duration.ofSeconds(10);

    /** A fixed directory (not a fresh temp dir), so a run after a crashed one finds its leftovers. */
    static final Path DIR = Path.of("target", "mail-testbed-it").toAbsolutePath();

    static final TestCa CA = TestCa.create("mailcensus mail testbed CA");
    static final List<MailServerSpec> SPECS = List.of(
            MailServerSpec.of(VALID, "mx1.mail.test", Personality.POSTFIX_STARTTLS),
            MailServerSpec.of(EXPIRED, "mx2.mail.test", Personality.POSTFIX_EXPIRED_CERT),
            MailServerSpec.of(WRONG_NAME, "mx3.mail.test", Personality.POSTFIX_WRONG_NAME_CERT),
            MailServerSpec.of(SELF_SIGNED, "mx4.mail.test", Personality.POSTFIX_SELF_SIGNED),
            MailServerSpec.of(NO_TLS, "mx5.mail.test", Personality.POSTFIX_NO_STARTTLS),
            MailServerSpec.of(EXIM, "mx6.mail.test", Personality.EXIM_STARTTLS),
            MailServerSpec.of(REFUSES, "mx7.mail.test", Personality.REFUSES_CONNECTIONS));

    static MailTestbed mail;

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        mail = MailTestbed.start(DIR, CA, SPECS);
        System.out.printf("mail testbed of %d servers up in %d ms%n", SPECS.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (mail != null) {
            mail.close();
            mail.close(); // a second close does nothing
        }
        assertThat(pids("-f", DIR.toString())).as("no server left running").isEmpty();
        assertThat(pids("-f", "smtpd -n 127\\.25\\.")).as("no smtpd left running").isEmpty();
    }

    @Test
    void postfixGreetsWithItsBannerAndOffersStartTls() throws Exception {
        try (SmtpClient c = new SmtpClient(mail.address(VALID))) {
            assertThat(c.greeting).isEqualTo("220 mx1.mail.test ESMTP Postfix");
            assertThat(c.ehlo()).contains("250-STARTTLS").first().isEqualTo("250-mx1.mail.test");
        }
    }

    @Test
    void validCertificateVerifiesAgainstTheTestCa() throws Exception {
        try (SmtpClient c = new SmtpClient(mail.address(VALID))) {
            c.ehlo();
            X509Certificate[] chain = c.startTls(CA.sslContext(), "mx1.mail.test", true);
            assertThat(chain[0]).isEqualTo(mail.leaf(VALID).orElseThrow().certificate());
            assertThat(chain[1]).isEqualTo(CA.certificate());
            assertThat(c.ehlo()).first().isEqualTo("250-mx1.mail.test");
        }
    }

    @Test
    void expiredCertificateFailsVerification() throws Exception {
        assertServesButFails(EXPIRED, "mx2.mail.test");
        X509Certificate served = served(EXPIRED, "mx2.mail.test");
        assertThat(served.getNotAfter()).isInThePast();
    }

    @Test
    void wrongNameCertificateFailsNameCheckOnly() throws Exception {
        assertServesButFails(WRONG_NAME, "mx3.mail.test");
        X509Certificate served = served(WRONG_NAME, "mx3.mail.test");
        assertThat(served.getSubjectAlternativeNames()).containsExactly(List.of(2, Personality.WRONG_NAME));
        try (SmtpClient c = new SmtpClient(mail.address(WRONG_NAME))) {
            c.ehlo();
            c.startTls(CA.sslContext(), "mx3.mail.test", false); // chains to the CA: only the name is wrong
        }
    }

    @Test
    void selfSignedCertificateChainsToNothing() throws Exception {
        assertServesButFails(SELF_SIGNED, "mx4.mail.test");
        X509Certificate served = served(SELF_SIGNED, "mx4.mail.test");
        assertThat(served.getIssuerX500Principal()).isEqualTo(served.getSubjectX500Principal());
    }

    @Test
    void postfixWithoutTlsOffersNoStartTls() throws Exception {
        try (SmtpClient c = new SmtpClient(mail.address(NO_TLS))) {
            assertThat(c.greeting).isEqualTo("220 mx5.mail.test ESMTP Postfix");
            assertThat(c.ehlo()).noneMatch(l -> l.contains("STARTTLS"));
            assertThat(mail.leaf(NO_TLS)).isEmpty();
        }
    }

    @Test
    void eximGreetsWithItsBannerAndServesTheCaCertificate() throws Exception {
        try (SmtpClient c = new SmtpClient(mail.address(EXIM))) {
            assertThat(c.greeting).startsWith("220 mx6.mail.test ESMTP Exim 4.");
            assertThat(c.ehlo()).contains("250-STARTTLS");
            X509Certificate[] chain = c.startTls(CA.sslContext(), "mx6.mail.test", true);
            assertThat(chain[0]).isEqualTo(mail.leaf(EXIM).orElseThrow().certificate());
        }
    }

    @Test
    void refusingAddressRefusesConnections() {
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress(REFUSES, 25), 2000))
                .isInstanceOf(ConnectException.class);
        assertThat(mail.connectionsTo(REFUSES)).isZero();
    }

    @Test
    void countsEachConnectionFromTheServersOwnLogs() throws Exception {
        // its own addresses, so the other tests' connections do not interfere
        Path dir = DIR.resolveSibling("mail-testbed-count-it");
        List<MailServerSpec> specs = List.of(
                MailServerSpec.of("127.25.1.1", "mx1.count.test", Personality.POSTFIX_STARTTLS),
                MailServerSpec.of("127.25.1.2", "mx2.count.test", Personality.POSTFIX_NO_STARTTLS),
                MailServerSpec.of("127.25.1.3", "mx3.count.test", Personality.EXIM_STARTTLS));
        try (MailTestbed counted = MailTestbed.start(dir, CA, specs)) {
            assertThat(counted.connections()).containsValues(0, 0, 0);
            for (int i = 0; i < 3; i++) {
                new SmtpClient(counted.address("127.25.1.1")).close();
            }
            new SmtpClient(counted.address("127.25.1.3")).close();

            assertThat(counted.awaitConnections("127.25.1.1", 3, LOG_WAIT)).isEqualTo(3);
            assertThat(counted.awaitConnections("127.25.1.3", 1, LOG_WAIT)).isEqualTo(1);
            assertThat(counted.connectionsTo("127.25.1.2")).isZero();

            counted.resetConnectionCounts();
            new SmtpClient(counted.address("127.25.1.1")).close();
            assertThat(counted.awaitConnections("127.25.1.1", 1, LOG_WAIT)).isEqualTo(1);
        }
    }

    @Test
    void startAfterAKilledJvmStopsWhatThatJvmLeftRunning() throws Exception {
        Path dir = DIR.resolveSibling("mail-testbed-restart-it");
        String postfixIp = "127.25.2.1";
        String eximIp = "127.25.2.2";
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartAndHang.class.getName(), dir.toString(), postfixIp, eximIp)
                .redirectErrorStream(true).start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.equals("up")) {
                System.out.println("other JVM: " + line);
            }
            assertThat(line).as("the other JVM started its testbed").isEqualTo("up");
        } finally {
            other.destroyForcibly(); // SIGKILL: no shutdown hook, the servers stay behind
            other.waitFor();
        }
        List<Long> left = pids("-f", dir.toString());
        assertThat(left).as("servers outlive their killed JVM").hasSizeGreaterThanOrEqualTo(2);

        try (MailTestbed again = MailTestbed.start(dir, CA, List.of(
                MailServerSpec.of(postfixIp, "mx1.again.test", Personality.POSTFIX_NO_STARTTLS),
                MailServerSpec.of(eximIp, "mx2.again.test", Personality.EXIM_STARTTLS)))) {
            assertThat(left).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            try (SmtpClient c = new SmtpClient(again.address(postfixIp))) {
                assertThat(c.greeting).isEqualTo("220 mx1.again.test ESMTP Postfix");
            }
        }
        assertThat(pids("-f", dir.toString())).isEmpty();
    }

    @Test
    void startFailureLeavesNothingRunning() throws Exception {
        Path dir = DIR.resolveSibling("mail-testbed-conflict-it");
        // the same address twice is refused before anything starts
        assertThatThrownBy(() -> MailTestbed.start(dir, CA, List.of(
                MailServerSpec.of("127.25.3.1", "a.test", Personality.POSTFIX_STARTTLS),
                MailServerSpec.of("127.25.3.1", "b.test", Personality.EXIM_STARTTLS))))
                .isInstanceOf(IllegalArgumentException.class);
        // a port another socket holds: Postfix cannot bind and the start fails within its bound
        assertThatThrownBy(() -> {
            try (var blocker = new java.net.ServerSocket(2526, 1, java.net.InetAddress.ofLiteral("127.25.3.2"))) {
                MailTestbed.start(dir, CA, List.of(MailServerSpec.of("127.25.3.2", "c.test", Personality.POSTFIX_STARTTLS)),
                        2526, Duration.ofSeconds(15));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("127.25.3.2:2526 is taken");
        assertThat(pids("-f", dir.toString())).isEmpty();
    }

    private static void assertServesButFails(String ip, String name) throws Exception {
        try (SmtpClient c = new SmtpClient(mail.address(ip))) {
            assertThat(c.ehlo()).contains("250-STARTTLS");
            assertThatThrownBy(() -> c.startTls(CA.sslContext(), name, true)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    /** The leaf a server presents, read without verifying anything. */
    private static X509Certificate served(String ip, String name) throws Exception {
        try (SmtpClient c = new SmtpClient(mail.address(ip))) {
            c.ehlo();
            X509Certificate[] chain = c.startTls(TrustAll.context(), name, false);
            assertThat(chain[0]).isEqualTo(mail.leaf(ip).orElseThrow().certificate());
            return chain[0];
        }
    }

    static List<Long> pids(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("pgrep"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().filter(l -> !l.isBlank()).map(Long::parseLong)
                .filter(pid -> pid != ProcessHandle.current().pid()).toList();
    }

    /** Trusts any certificate: only to read what a failing server presents. */
    static final class TrustAll {
        static SSLContext context() throws Exception {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        }
    }
}
