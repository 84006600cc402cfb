package io.mailcensus.worker.smtp;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the SMTP probe behaves. Validated on construction.
 *
 * @param ehloName the name sent in EHLO/HELO; it identifies the scanner (checks.md, Politeness)
 * @param port 25 in production; tests point it at their own servers
 * @param connectTimeout TCP connect
 * @param greetingTimeout from connect to the end of the greeting (RFC 5321 4.5.3.2.1 allows 5
 *     minutes; a scanner cannot wait that long for every host)
 * @param replyTimeout from each command to the end of its reply
 * @param handshakeTimeout the TLS handshake
 * @param deadline the whole probe, connect to close: bounds a server that answers each step just
 *     before its timer runs out
 * @param ehloAfterTls send EHLO again over TLS (RFC 3207 4.2) before QUIT
 */
public record SmtpProbeSettings(
        String ehloName,
        int port,
        Duration connectTimeout,
        Duration greetingTimeout,
        Duration replyTimeout,
        Duration handshakeTimeout,
        Duration deadline,
        boolean ehloAfterTls,
        SmtpLimits limits) {

    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    public SmtpProbeSettings {
        Objects.requireNonNull(ehloName, "ehloName");
        if (!HOST_NAME.matcher(ehloName).matches()) {
            throw new IllegalArgumentException("EHLO name must be a host name: " + ehloName);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        for (Duration d : new Duration[] {connectTimeout, greetingTimeout, replyTimeout, handshakeTimeout, deadline}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
        Objects.requireNonNull(limits, "limits");
    }

    /** Production values: port 25, timeouts of tens of seconds, a 2 minute deadline. */
    public static SmtpProbeSettings defaults(String ehloName) {
        return new SmtpProbeSettings(ehloName, 25, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMinutes(2), true, SmtpLimits.DEFAULTS);
    }

    public SmtpProbeSettings withPort(int newPort) {
        return new SmtpProbeSettings(ehloName, newPort, connectTimeout, greetingTimeout, replyTimeout,
                handshakeTimeout, deadline, ehloAfterTls, limits);
    }

    /** Every stage timer set to {@code stage}, the deadline to {@code whole}: for tests. */
    public SmtpProbeSettings withTimeouts(Duration stage, Duration whole) {
        return new SmtpProbeSettings(ehloName, port, stage, stage, stage, stage, whole, ehloAfterTls, limits);
    }
}
