package io.mailcensus.testbed.mail;

import java.nio.file.Path;

/**
 * The configuration of one Exim daemon serving one address. No routers, no RCPT ACL: Exim
 * refuses every recipient, so nothing is ever accepted or delivered.
 */
final class EximConfig {

    private EximConfig() {}

    static String text(ServerSetup s, Path dir, Path eximBinary) {
        String d = dir.toAbsolutePath().toString();
        StringBuilder sb = new StringBuilder("""
                # mailcensus mail testbed (written by MailTestbed; the system's /etc/exim4 is not used)
                primary_hostname = %1$s
                qualify_domain = %1$s
                local_interfaces = <; %2$s
                spool_directory = %3$s/spool
                log_file_path = %3$s/log/%%slog
                # no DNS or ident lookups of the client
                host_lookup =
                rfc1413_hosts =
                # should Exim ever re-run itself: this binary, with its libraries
                exim_path = %4$s
                keep_environment = LD_LIBRARY_PATH
                # one line per accepted connection: what the testbed counts
                log_selector = +smtp_connection
                """.formatted(s.spec().mxHostName(), s.spec().address(), d, eximBinary.toAbsolutePath()));
        s.files().ifPresentOrElse(f -> sb.append("""
                tls_advertise_hosts = *
                tls_certificate = %s
                tls_privatekey = %s
                """.formatted(bySni(s, f.certificate().toAbsolutePath().toString(), true),
                        bySni(s, f.key().toAbsolutePath().toString(), false))),
                () -> sb.append("tls_advertise_hosts =\n"));
        return sb.toString();
    }

    /**
     * {@code fallback}, then the certificate (or key) of each SNI name: with a list, Exim's GnuTLS
     * shows the client the certificate whose names match the one its handshake gives (SNI), and
     * the first where none does.
     */
    private static String bySni(ServerSetup s, String fallback, boolean certificate) {
        StringBuilder list = new StringBuilder(fallback);
        for (var sni : s.sniFiles().values()) {
            list.append(" : ").append((certificate ? sni.certificate() : sni.key()).toAbsolutePath());
        }
        return list.toString();
    }
}
