/**
 * The HTTPS probes of a domain (checks.md: MTA-STS policy, security.txt, Microsoft 365 tenant):
 * {@link io.mailcensus.worker.https.WebProbes#enrich} completes a DNS
 * {@link io.mailcensus.schemas.DomainResult}. Underneath, {@link io.mailcensus.worker.https.HttpsClient}
 * (Netty, JDK TLS) connects only to addresses mailcensus resolved itself
 * ({@link io.mailcensus.worker.https.AddressResolver}, {@link io.mailcensus.worker.https.DnsAddressResolver}),
 * through the per-IP politeness gates, and judges certificates with {@code worker.tls}. The
 * documents are parsed in {@code worker.wellknown}.
 *
 * <p>Statuses are documented on the probes: {@code MtaStsProbe}, {@code SecurityTxtProbe},
 * {@code M365Probe}. Throughout, a timeout or failure is {@code error} (unknown), never absent;
 * absent means nothing serves the document (404, no address, connection refused).
 */
package io.mailcensus.worker.https;
