/**
 * HTTPS hosts for the testbed: a real nginx ({@link io.mailcensus.testbed.web.WebTestbed}) on
 * loopback addresses, one SNI virtual host per name with its own certificate from the test CA,
 * serving what mailcensus's HTTPS probes fetch: MTA-STS policies, security.txt files, soft-404
 * pages, redirects, the Microsoft 365 OpenID document.
 */
package io.mailcensus.testbed.web;
