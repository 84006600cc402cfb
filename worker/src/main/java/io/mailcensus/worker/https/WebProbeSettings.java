package io.mailcensus.worker.https;

import java.util.Objects;

/**
 * What the web probes fetch and how much of it.
 *
 * @param https the client: user agent, port, timeouts, header cap, trust store
 * @param mtaStsMaxBytes the MTA-STS policy cap (RFC 8461 3.3 suggests 64 KiB): a longer policy is invalid
 * @param securityTxtMaxBytes the security.txt cap: a longer file is present but invalid
 * @param openIdMaxBytes the OpenID configuration cap
 * @param securityTxtMaxRedirects redirects followed for security.txt (checks.md: at most 3); the
 *     MTA-STS policy never follows one (RFC 8461 3.3)
 * @param m365ForAll ask login.microsoftonline.com about every domain, not only those with DNS evidence
 * @param m365Host the OpenID host (login.microsoftonline.com; a testbed name in tests)
 */
public record WebProbeSettings(HttpsSettings https, int mtaStsMaxBytes, int securityTxtMaxBytes, int openIdMaxBytes,
        int securityTxtMaxRedirects, boolean m365ForAll, String m365Host) {

    public static final int MTA_STS_MAX_BYTES = 64 * 1024;
    public static final String M365_HOST = "login.microsoftonline.com";

    public WebProbeSettings {
        Objects.requireNonNull(https, "https");
        Objects.requireNonNull(m365Host, "m365Host");
        if (mtaStsMaxBytes < 1 || securityTxtMaxBytes < 1 || openIdMaxBytes < 1) {
            throw new IllegalArgumentException("body caps must be positive");
        }
        if (securityTxtMaxRedirects < 0 || securityTxtMaxRedirects > 10) {
            throw new IllegalArgumentException("securityTxtMaxRedirects must be in 0..10: " + securityTxtMaxRedirects);
        }
    }

    /** 64 KiB caps, 3 redirects for security.txt, M365 only with DNS evidence. */
    public static WebProbeSettings defaults(HttpsSettings https) {
        return new WebProbeSettings(https, MTA_STS_MAX_BYTES, 64 * 1024, 64 * 1024, 3, false, M365_HOST);
    }

    public WebProbeSettings withM365ForAll(boolean all) {
        return new WebProbeSettings(https, mtaStsMaxBytes, securityTxtMaxBytes, openIdMaxBytes,
                securityTxtMaxRedirects, all, m365Host);
    }

    public WebProbeSettings withM365Host(String host) {
        return new WebProbeSettings(https, mtaStsMaxBytes, securityTxtMaxBytes, openIdMaxBytes,
                securityTxtMaxRedirects, m365ForAll, host);
    }
}
