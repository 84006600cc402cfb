package io.mailcensus.worker.politeness;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * What a mail server probe is about: one (MX host name, IP address) pair, probed once per round
 * (checks.md). The name is part of the key because the TLS check sends it as SNI and matches the
 * certificate against it; the IP alone keys the rate gate.
 *
 * @param host the host name, lower case, A-label form, without the root dot
 */
public record ServerKey(String host, InetAddress ip) {

    public ServerKey {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ip, "ip");
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
    }
}
