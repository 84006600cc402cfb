package io.mailcensus.worker.smtp;

import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import java.time.Instant;

/**
 * The probe's part of a {@link MailServerResult}. The certificate fields ({@code chain},
 * {@code pkix_*}, {@code hostname_match}, {@code expired}) and DANE are left at their defaults:
 * they are derived from {@link SmtpProbeResult#chain()} by the certificate verdicts.
 */
public final class MailServerResults {

    private MailServerResults() {
    }

    /** The row of a server that was not probed (opted out, quarantined, a failure before the conversation). */
    public static MailServerResult notProbed(String scanId, MailServerTarget target, Instant at, ConnectStatus status,
            String error) {
        return notProbed(scanId, target.host(), target.ipText(), target.port(), at, status, error);
    }

    /** The row of a task that names no probeable server: its host and IP as they came. */
    public static MailServerResult notProbed(String scanId, String host, String ip, int port, Instant at,
            ConnectStatus status, String error) {
        return MailServerResult.newBuilder()
                .setScanId(scanId)
                .setHost(host)
                .setIp(ip)
                .setPort(port)
                .setProbedAt(at)
                .setConnect(status)
                .setError(error)
                .build();
    }

    public static MailServerResult.Builder toAvro(SmtpProbeResult probe, String scanId, Instant probedAt) {
        return MailServerResult.newBuilder()
                .setScanId(scanId)
                .setHost(probe.target().host())
                .setIp(probe.target().ipText())
                .setPort(probe.target().port())
                .setProbedAt(probedAt)
                .setConnect(probe.connect())
                .setConnectMs(probe.connectMs())
                .setGreeting(probe.greeting() == null ? null : probe.greeting().joined())
                .setSoftware(probe.software())
                .setEhlo(probe.ehlo() == null ? null : probe.ehlo().firstLine())
                .setHeloFallback(probe.heloFallback())
                .setExtensions(probe.extensions())
                .setStarttls(probe.starttls())
                .setTls(probe.tls())
                .setTlsError(probe.tlsError())
                .setTlsProtocol(probe.tlsProtocol())
                .setTlsCipher(probe.tlsCipher())
                .setError(probe.failure().map(SmtpFailure::toString).orElse(null));
    }
}
