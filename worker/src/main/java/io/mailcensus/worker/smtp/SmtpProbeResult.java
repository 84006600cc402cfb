package io.mailcensus.worker.smtp;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What one probe of one {@link MailServerTarget} saw. {@link #chain()} is the raw peer chain, leaf
 * first, accepted without judgement: the verdicts (PKIX, host name, DANE) are computed from it
 * elsewhere. {@link #commandsSent()} is the client's side of the transcript, so anyone can check
 * that no MAIL, RCPT or DATA ever left.
 */
public record SmtpProbeResult(
        MailServerTarget target,
        ConnectStatus connect,
        Integer connectMs,
        SmtpReply greeting,
        SmtpSoftware software,
        SmtpReply ehlo,
        boolean heloFallback,
        List<String> extensions,
        StarttlsStatus starttls,
        TlsStatus tls,
        String tlsError,
        String tlsProtocol,
        String tlsCipher,
        List<X509Certificate> chain,
        List<String> commandsSent,
        Optional<SmtpFailure> failure) {

    public SmtpProbeResult {
        extensions = List.copyOf(extensions);
        chain = List.copyOf(chain);
        commandsSent = List.copyOf(commandsSent);
    }

    /**
     * This answer as {@code other}'s, which shares the address: what the server said, for a name
     * that sent nothing itself (no commands of its own).
     */
    public SmtpProbeResult answeringFor(MailServerTarget other) {
        return new SmtpProbeResult(other, connect, connectMs, greeting, software, ehlo, heloFallback, extensions,
                starttls, tls, tlsError, tlsProtocol, tlsCipher, chain, List.of(), failure);
    }

    /** True when the conversation ran to its QUIT (the server's 221 is not required). */
    public boolean completed() {
        return failure.isEmpty();
    }
}
