package io.mailcensus.testbed.zone;

import java.util.List;

/**
 * Real public keys (made once with openssl), so a scanner can parse the key type and size.
 * RSA keys are SubjectPublicKeyInfo in base64; the Ed25519 key is the raw 32 octets (RFC 8463).
 */
final class DkimKeys {

    private DkimKeys() {}

    static final String RSA_2048 =
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAps37epjDw5WxPFjgLBcGll7ErbfVIcHt4wL097P/3D3JlybZ8rHBhN3t1F4K"
            + "+2yIPQJTQCGCX2Dfko9JIHbilcypwPJ9tYo/G3XV/RBrLEFG2X5BBQwLncszInkR3jUabvZ4yePYqfrrqPx24+2C/VeCwqFQwDN1Poz9"
            + "DXGxShMZMJIaVDTL7AItspin5Qn0RG39ujHXWbyaLq3II/ge/SZHuawGfIC4Z3AyonjZqaHmxa6PrDYly+k6wtasCMiQ8nqzbzsz2vJ/"
            + "oMnC/UUauIhPZnOwKgGDu6V/Mx+1p6sLcE1xug8tUnJ1a6GWUqPHDeeFqlRmfOUHQgbuvimlrQIDAQAB";

    static final String RSA_1024 =
            "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDX6LPmEIKSqMmW/ZmhOHXqH0xbp3tPtzIRexlKoBvGbDFnpwmxGsEUFtf21nvnrDOa"
            + "BjG5W43+av4lmOb6utht4owKBIhpYvvq7jx74cMYeNyUsXgQU7YKhRkw1/Pqn9zMaRrHxCoeFlzPYzVE5bWZwvc3HLuO8UEXjpzKSStC8QIDAQAB";

    static final String ED25519 = "9ffTO+krn7kuNrOUoZYtz7z7k3v3ja7+KDcxC3y1mUg=";

    /** Selectors from the default list of checks.md: a key there makes DKIM "found". */
    static final List<String> KNOWN_SELECTORS =
            List.of("selector1", "selector2", "google", "default", "k1", "s1", "dkim", "mail");

    /** Selectors no default list contains: the {@code _domainkey} node exists, the key stays unseen. */
    static final List<String> UNKNOWN_SELECTORS = List.of("mc20240611", "zm7", "sig2023", "scph0421", "mte1");
}
