package io.mailcensus.worker.mailserver;

import io.mailcensus.core.name.IpText;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.worker.smtp.MailServerTarget;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The mail servers a domain's MX records point at, as (host, IP, port) targets. Pure.
 *
 * <p>Skipped: the null MX (RFC 7505), {@code localhost} names and the loopback addresses
 * {@code 127.0.0.1} and {@code ::1} (a "localhost MX" would make the scanner probe itself; the
 * report counts these domains apart). A hostile zone can list thousands of MX hosts and
 * addresses: at most {@link #MAX_PER_DOMAIN} pairs are taken, in preference order as DNS gave
 * them, which covers every real configuration seen in the seed's data.
 */
public final class MxTargets {

    public static final int MAX_PER_DOMAIN = 32;

    private static final InetAddress SELF_V4 = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress SELF_V6 = InetAddress.ofLiteral("::1");

    private MxTargets() {}

    public static List<MailServerTarget> of(DomainResult domain, int port) {
        Set<MailServerTarget> targets = new LinkedHashSet<>();
        for (MxHost host : domain.getMx().getHosts()) {
            String name = MailServerTarget.hostName(host.getName());
            if (name.isEmpty() || name.equals("localhost") || name.startsWith("localhost.")) {
                continue;
            }
            List<String> addresses = new ArrayList<>(host.getIpv4());
            addresses.addAll(host.getIpv6());
            for (String text : addresses) {
                InetAddress ip;
                try {
                    ip = IpText.parse(text);
                } catch (IllegalArgumentException e) {
                    continue; // the MX reader writes only literals; nothing to connect to otherwise
                }
                if (ip.equals(SELF_V4) || ip.equals(SELF_V6)) {
                    continue;
                }
                MailServerTarget target = new MailServerTarget(name, ip, port);
                if (!targets.contains(target) && targets.size() == MAX_PER_DOMAIN) {
                    return List.copyOf(targets);
                }
                targets.add(target);
            }
        }
        return List.copyOf(targets);
    }
}
