package io.mailcensus.testbed.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.pki.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailConfigTest {

    static final TestCa CA = TestCa.create("config test CA");

    @TempDir
    Path dir;

    @Test
    void masterCfHasOneSmtpdPerAddressWithItsOwnNameLogTagAndCertificate() throws Exception {
        ServerSetup tls = setup("127.25.0.1", "mx1.a.test", Personality.POSTFIX_STARTTLS);
        ServerSetup plain = setup("127.25.0.2", "mx2.a.test", Personality.POSTFIX_NO_STARTTLS);

        List<String> lines = PostfixConfig.masterCf(List.of(tls, plain), 2525).lines()
                .filter(l -> l.contains(" inet ")).toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("127.25.0.1:2525 inet n - n - - smtpd")
                .contains("-o syslog_name=postfix/127.25.0.1", "-o myhostname=mx1.a.test",
                        "-o smtpd_tls_security_level=may",
                        "-o smtpd_tls_cert_file=" + tls.files().orElseThrow().certificate(),
                        "-o smtpd_tls_key_file=" + tls.files().orElseThrow().key());
        assertThat(lines.get(1)).startsWith("127.25.0.2:2525 inet").contains("-o myhostname=mx2.a.test")
                .doesNotContain("tls");
    }

    @Test
    void mainCfKeepsEverythingInsideTheDirectoryAndAsksNoDns() {
        String main = PostfixConfig.mainCf(dir);

        assertThat(main).contains("queue_directory = " + dir + "/queue", "data_directory = " + dir + "/data",
                "maillog_file = " + dir + "/maillog", "smtpd_peername_lookup = no",
                "smtp_dns_support_level = disabled", "smtpd_tls_security_level = none");
    }

    @Test
    void eximConfigNamesItsHostAddressLogAndCertificate() throws Exception {
        ServerSetup s = setup("127.25.0.6", "mx6.a.test", Personality.EXIM_STARTTLS);

        String conf = EximConfig.text(s, dir, Path.of("/opt/exim/usr/sbin/exim4"));

        assertThat(conf).contains("primary_hostname = mx6.a.test", "local_interfaces = <; 127.25.0.6",
                "log_file_path = " + dir + "/log/%slog", "log_selector = +smtp_connection", "host_lookup =\n",
                "tls_advertise_hosts = *", "tls_certificate = " + s.files().orElseThrow().certificate(),
                "exim_path = /opt/exim/usr/sbin/exim4");
    }

    @Test
    void personalitiesServeTheCertificateTheirNameSays() {
        Leaf valid = ServerCertificates.issue(CA, spec("127.25.0.1", "mx.a.test", Personality.POSTFIX_STARTTLS)).orElseThrow();
        Leaf expired = ServerCertificates.issue(CA, spec("127.25.0.2", "mx.a.test", Personality.POSTFIX_EXPIRED_CERT)).orElseThrow();
        Leaf wrong = ServerCertificates.issue(CA, spec("127.25.0.3", "mx.a.test", Personality.POSTFIX_WRONG_NAME_CERT)).orElseThrow();
        Leaf self = ServerCertificates.issue(CA, spec("127.25.0.4", "mx.a.test", Personality.POSTFIX_SELF_SIGNED)).orElseThrow();

        assertThat(valid.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=mx.a.test");
        assertThat(valid.chain()).hasSize(2);
        assertThat(expired.certificate().getNotAfter()).isInThePast();
        assertThat(wrong.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=" + Personality.WRONG_NAME);
        assertThat(self.chain()).containsExactly(self.certificate());
        assertThat(ServerCertificates.issue(CA, spec("127.25.0.5", "mx.a.test", Personality.POSTFIX_NO_STARTTLS))).isEmpty();
        assertThat(valid.name()).isEqualTo("mx-127.25.0.1");
    }

    @Test
    void specNeedsALocalAddressAndAHostName() {
        assertThatThrownBy(() -> MailServerSpec.of("192.0.2.1", "mx.a.test", Personality.POSTFIX_STARTTLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailServerSpec.of("::1", "mx.a.test", Personality.POSTFIX_STARTTLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailServerSpec.of("127.25.0.1", "mx a", Personality.POSTFIX_STARTTLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MailServerSpec.of("127.25.0.1", "mx.a.test", Personality.EXIM_STARTTLS).address()).isEqualTo("127.25.0.1");
        // IPv6: Exim only, on ::1 or a unique local address, never a global one
        assertThatThrownBy(() -> MailServerSpec.of("2001:db8::25", "mx.a.test", Personality.EXIM_STARTTLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MailServerSpec.of("::1", "mx.a.test", Personality.EXIM_STARTTLS).ip().isLoopbackAddress()).isTrue();
        assertThat(MailServerSpec.of("fd00:6d63::25", "mx.a.test", Personality.EXIM_STARTTLS).ip())
                .isEqualTo(java.net.InetAddress.ofLiteral("fd00:6d63::25"));
    }

    @Test
    void connectionLogCountsAcceptedConnectionsOfOneAddressAfterTheBaseline() throws Exception {
        Path maillog = dir.resolve("maillog");
        Files.writeString(maillog, """
                Nov 28 16:43:51 mx1 postfix/127.25.0.1/smtpd[1]: connect from unknown[127.0.0.1]
                Nov 28 16:43:51 mx1 postfix/127.25.0.1/smtpd[1]: disconnect from unknown[127.0.0.1] quit=1 commands=1
                Nov 28 16:43:51 mx2 postfix/127.25.0.11/smtpd[2]: connect from unknown[127.0.0.1]
                """);
        ConnectionLog log = ConnectionLog.postfix(maillog, "127.25.0.1");
        assertThat(log.count()).isEqualTo(1);

        log.resetBaseline();
        Files.writeString(maillog, "Nov 28 16:44:00 mx1 postfix/127.25.0.1/smtpd[1]: connect from unknown[127.0.0.1]\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(log.count()).isEqualTo(1);
        assertThat(ConnectionLog.postfix(dir.resolve("missing"), "127.25.0.1").count()).isZero();
    }

    @Test
    void eximLogCountsConnectionsNotTheirEndings() throws Exception {
        Path mainlog = dir.resolve("mainlog");
        Files.writeString(mainlog, """
                2026-11-28 16:35:32 exim 4.96 daemon started: pid=21738, no queue runs, listening for SMTP on [127.25.0.5]:2525
                2026-11-28 16:35:36 SMTP connection from [127.0.0.1]:40000 (TCP/IP connection count = 1)
                2026-11-28 16:35:36 SMTP connection from (x) [127.0.0.1]:40000 closed by QUIT
                2026-11-28 16:35:40 SMTP connection from [127.0.0.1]:40002 (TCP/IP connection count = 1)
                2026-11-28 16:35:40 SMTP connection from [127.0.0.1]:40002 lost D=0s
                """);
        assertThat(ConnectionLog.exim(mainlog).count()).isEqualTo(2);
    }

    private ServerSetup setup(String ip, String mx, Personality p) throws Exception {
        MailServerSpec spec = spec(ip, mx, p);
        Optional<Leaf> leaf = ServerCertificates.issue(CA, spec);
        return new ServerSetup(spec, leaf, leaf.isPresent() ? Optional.of(leaf.get().write(dir)) : Optional.empty());
    }

    private static MailServerSpec spec(String ip, String mx, Personality p) {
        return MailServerSpec.of(ip, mx, p);
    }
}
