package io.mailcensus.worker.mailserver;

import io.mailcensus.worker.politeness.Outcome;
import io.mailcensus.worker.smtp.SmtpProbeResult;
import io.mailcensus.worker.smtp.SmtpReply;

/**
 * How an SMTP probe ended, as the IP's gate should hear it. Pure.
 *
 * <p>Only what suggests the server is busy or unwell backs it off: refused connections,
 * timeouts, 4xx replies, connections closed mid-conversation. What the server does the same way
 * every time (a 5xx greeting, a malformed reply, a failed TLS handshake, STARTTLS injection)
 * is a measurement, not a reason to back off: counting it as a failure would quarantine a
 * shared IP and leave its other host names unmeasured.
 */
final class PolitenessOutcomes {

    private PolitenessOutcomes() {}

    static Outcome of(SmtpProbeResult result) {
        if (result.failure().isEmpty()) {
            return Outcome.OK;
        }
        return switch (result.failure().get().kind()) {
            case REFUSED -> Outcome.REFUSED;
            case TIMEOUT, DEADLINE -> Outcome.TIMEOUT;
            case REJECTED -> transientReply(result.greeting()) || transientReply(result.ehlo())
                    ? Outcome.TEMP_FAIL : Outcome.OK;
            case UNREACHABLE, CLOSED, ERROR -> Outcome.ERROR;
            case LINE_TOO_LONG, TOO_MANY_LINES, TOO_MANY_BYTES, MALFORMED_REPLY, STARTTLS_INJECTION,
                    TLS_FAILED -> Outcome.OK;
        };
    }

    private static boolean transientReply(SmtpReply reply) {
        return reply != null && reply.isTransientFailure();
    }
}
