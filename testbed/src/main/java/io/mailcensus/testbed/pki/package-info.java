/**
 * A test PKI for the mail testbed: a root CA ({@link io.mailcensus.testbed.pki.TestCa}) that issues
 * leaf certificates for chosen DNS names and validity windows (so expired and wrong-name
 * certificates are possible), self-signed leaves, PEM files for servers
 * ({@link io.mailcensus.testbed.pki.Pem}) and the TLSA digests for zone files
 * ({@link io.mailcensus.testbed.pki.Tlsa}). Keys are EC P-256: quick to make, accepted by
 * Postfix (OpenSSL), Exim (GnuTLS) and Java.
 */
package io.mailcensus.testbed.pki;
