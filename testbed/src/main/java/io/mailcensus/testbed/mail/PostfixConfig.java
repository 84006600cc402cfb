package io.mailcensus.testbed.mail;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code main.cf} and {@code master.cf} of the one Postfix that serves every Postfix address. The
 * per-address differences are {@code -o} overrides on that address's smtpd line: host name
 * (banner and EHLO), TLS level and certificate, and {@code syslog_name = postfix/<ip>} so the
 * shared log tells the addresses apart.
 */
final class PostfixConfig {

    private PostfixConfig() {}

    static String mainCf(Path dir) {
        String d = dir.toAbsolutePath().toString();
        return """
                # mailcensus mail testbed (written by MailTestbed; the system's /etc/postfix is not used)
                compatibility_level = 3.6
                queue_directory = %1$s/queue
                data_directory = %1$s/data
                maillog_file = %1$s/maillog
                maillog_file_prefixes = %1$s
                # the connection counts come from this log: on a 2-core machine at load 30 the log server
                # can stall past its 10 s default, and once it is killed the smtpds stop greeting
                postlogd_watchdog_timeout = 600s
                myhostname = mail-testbed.invalid
                mydomain = invalid
                # master.cf names each address; this only keeps Postfix off the machine's other addresses
                inet_interfaces = loopback-only
                inet_protocols = ipv4
                mynetworks = 127.0.0.0/8
                # no mail is accepted or delivered, and no DNS is asked (not even for the client's name)
                mydestination =
                relay_domains =
                alias_maps =
                alias_database =
                local_recipient_maps =
                smtpd_relay_restrictions = reject
                smtpd_recipient_restrictions = reject
                smtpd_peername_lookup = no
                smtp_dns_support_level = disabled
                biff = no
                smtpd_tls_security_level = none
                smtpd_tls_loglevel = 0
                smtpd_tls_session_cache_database =
                """.formatted(d);
    }

    static String masterCf(List<ServerSetup> servers, int port) {
        return masterCf(servers, port, "-");
    }

    /** @param maxProcesses the smtpd process limit per address ({@code -}: default_process_limit) */
    static String masterCf(List<ServerSetup> servers, int port, String maxProcesses) {
        StringBuilder sb = new StringBuilder("""
                # mailcensus mail testbed: one smtpd per address, nothing that delivers mail
                # service type private unpriv chroot wakeup maxproc command
                postlog   unix-dgram n - n - 1 postlogd
                tlsmgr    unix - - n 1000? 1 tlsmgr
                anvil     unix - - n - 1 anvil
                """);
        for (ServerSetup s : servers) {
            sb.append(smtpdLine(s, port, maxProcesses)).append('\n');
        }
        return sb.toString();
    }

    private static String smtpdLine(ServerSetup s, int port, String maxProcesses) {
        String ip = s.spec().address();
        StringBuilder line = new StringBuilder()
                .append(ip).append(':').append(port).append(" inet n - n - ").append(maxProcesses).append(" smtpd")
                .append(" -o syslog_name=postfix/").append(ip)
                .append(" -o myhostname=").append(s.spec().mxHostName());
        if (s.spec().personality() == Personality.POSTFIX_SLOW_GREETING) {
            // smtpd_delay_reject=no runs the client restrictions at connect time, before the
            // greeting: "sleep N" there delays the banner (Postfix's own anti-zombie idiom)
            line.append(" -o smtpd_delay_reject=no -o smtpd_client_restrictions=sleep,")
                    .append(Personality.SLOW_GREETING_SECONDS);
        }
        s.files().ifPresent(f -> line
                .append(" -o smtpd_tls_security_level=may")
                .append(" -o smtpd_tls_cert_file=").append(f.certificate().toAbsolutePath())
                .append(" -o smtpd_tls_key_file=").append(f.key().toAbsolutePath()));
        return line.toString();
    }
}
