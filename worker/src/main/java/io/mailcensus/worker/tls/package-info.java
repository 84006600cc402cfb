/**
 * TLS verdicts of a mail server, computed by mailcensus from the certificates it presented
 * (the SMTP probe accepts any certificate so that it can record and judge it):
 * {@link io.mailcensus.worker.tls.CertificateVerdicts} (PKIX against a configurable
 * {@link io.mailcensus.worker.tls.TrustStore}, host name, expiry, the Avro {@code Certificate}
 * records) and {@link io.mailcensus.worker.tls.DaneMatcher} / {@link io.mailcensus.worker.tls.SmtpDane}
 * (TLSA matching per RFC 6698, 7671 and 7672). Pure code: no network, time is a parameter.
 */
package io.mailcensus.worker.tls;
