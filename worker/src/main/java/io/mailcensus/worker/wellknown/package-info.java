/**
 * Parsers for the documents the HTTPS probes fetch from well-known locations: the MTA-STS policy
 * (RFC 8461 3.2, {@link io.mailcensus.worker.wellknown.MtaStsPolicy}), security.txt (RFC 9116,
 * {@link io.mailcensus.worker.wellknown.SecurityTxt}) and the Microsoft 365 OpenID configuration
 * ({@link io.mailcensus.worker.wellknown.OpenIdTenant}). Pure code: bytes in, verdicts out; no
 * network, time a parameter.
 */
package io.mailcensus.worker.wellknown;
