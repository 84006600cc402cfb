package io.mailcensus.worker.mailserver;

import io.mailcensus.worker.politeness.Outcome;
import io.mailcensus.worker.smtp.SmtpFailure;
import io.mailcensus.worker.smtp.SmtpProbeResult;
import io.mailcensus.worker.smtp.SmtpStage;

/**
 * Which first answers of a mail server deserve one more connection in the round. Pure.
 *
 * <p>A server that took the connection but did not greet in time, closed it before greeting, or
 * said 4xx ("421 too busy, try later") to the greeting or EHLO is often only busy: its smtpd
 * processes were all taken, its listen queue was long, it was restarting. Mail servers retry such
 * a peer for days; a scan that stored the first answer would leave the server unknown for the
 * whole round although it answers a minute later. So it gets a second connection, through its
 * IP's gate like any other: after the gate's backoff for the failure, and never beyond the
 * domain's time budget (the first answer then stands).
 *
 * <p>Not retried: a connect that timed out (TCP already resent its SYN several times; that is a
 * filter, and with port 25 blocked every pair would cost twice), a refusal, and whatever a server
 * does the same way every time (5xx, TLS failures, malformed replies, the whole-probe deadline of
 * a tarpit that answers each step just in time).
 */
final class SecondTry {

    private SecondTry() {}

    static boolean worthIt(SmtpProbeResult first) {
        if (PolitenessOutcomes.of(first) == Outcome.TEMP_FAIL) {
            return true; // a 4xx to the greeting or EHLO
        }
        return first.failure()
                .filter(f -> f.kind() == SmtpFailure.Kind.TIMEOUT || f.kind() == SmtpFailure.Kind.CLOSED)
                .filter(f -> f.stage() == SmtpStage.GREETING)
                .isPresent();
    }

    /** The server greeted this time, and not with a 4xx: the second try got its answer. */
    static boolean answered(SmtpProbeResult second) {
        return second.greeting() != null && !worthIt(second);
    }
}
