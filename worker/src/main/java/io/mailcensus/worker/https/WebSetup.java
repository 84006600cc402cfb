package io.mailcensus.worker.https;

import io.mailcensus.worker.politeness.PolitenessSettings;
import java.util.Objects;

/**
 * Whether and how a scan runs its HTTPS probes: the probes' settings and the politeness of the
 * HTTPS gates, which are separate from the SMTP gates (a web server takes more than a mail
 * server, and every Microsoft 365 request goes to one host).
 *
 * @param enabled false for {@code --no-http}
 */
public record WebSetup(boolean enabled, WebProbeSettings probes, PolitenessSettings politeness) {

    public static final int DEFAULT_PER_MINUTE = 120;
    public static final int DEFAULT_CONNECTIONS = 4;

    public WebSetup {
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(politeness, "politeness");
    }
}
