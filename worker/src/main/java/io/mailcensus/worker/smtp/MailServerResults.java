package io.mailcensus.worker.smtp;

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

    public static MailServerResult.Builder toAvro(SmtpProbeResult probe, String scanId, Instant probedAt) {
        return MailServerResult.newBuilder()
                .setScanId(scanId)
                .setHost(probe.mxHost())
                .setIp(probe.ip())
                .setPort(probe.port())
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
