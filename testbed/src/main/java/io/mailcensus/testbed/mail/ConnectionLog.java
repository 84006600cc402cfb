package io.mailcensus.testbed.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Counts the SMTP connections a server logged as accepted: the lines of its log that match a
 * pattern, minus those written before the testbed was ready (its own readiness probes).
 */
final class ConnectionLog {

    private final Path log;
    private final Pattern accepted;
    private volatile long baseline;

    ConnectionLog(Path log, Pattern accepted) {
        this.log = log;
        this.accepted = accepted;
    }

    /** Postfix's smtpd under {@code syslog_name = postfix/<ip>}: "postfix/127.25.0.1/smtpd[42]: connect from ...". */
    static ConnectionLog postfix(Path maillog, String ip) {
        return new ConnectionLog(maillog,
                Pattern.compile(" postfix/" + Pattern.quote(ip) + "/smtpd\\[\\d+\\]: connect from "));
    }

    /** Exim with {@code log_selector = +smtp_connection}: "SMTP connection from [127.0.0.1]:1234 (TCP/IP connection count = 1)". */
    static ConnectionLog exim(Path mainlog) {
        return new ConnectionLog(mainlog, Pattern.compile(" SMTP connection from .*\\(TCP/IP connection count = \\d+\\)"));
    }

    /** Connections logged since {@link #resetBaseline()}. */
    int count() {
        return (int) (lines() - baseline);
    }

    /** Every matching line in the log, probes included. */
    long lines() {
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            return r.lines().filter(l -> accepted.matcher(l).find()).count();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, count only connections logged after this point. */
    void resetBaseline() {
        baseline = lines();
    }

    Path file() {
        return log;
    }
}
