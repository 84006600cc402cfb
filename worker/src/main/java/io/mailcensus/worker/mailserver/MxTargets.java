package io.mailcensus.worker.mailserver;

import io.mailcensus.core.name.GateKey;
import io.mailcensus.core.name.IpText;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.worker.net.EmbeddedIpv4;
import io.mailcensus.worker.smtp.MailServerTarget;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mail servers a domain's MX records point at, as (host, IP, port) targets. Pure.
 *
 * <p>Skipped: the null MX (RFC 7505), {@code localhost} names, and addresses that are this host
 * by their value, not their text ({@link #isThisHost}): {@code 127.0.0.1} and {@code ::1}, the
 * addresses of checks.md's "localhost MX", in any IPv6 form that carries them
 * ({@code ::ffff:127.0.0.1}, {@code ::127.0.0.1}, NAT64 ...), and the unspecified {@code 0.0.0.0}
 * and {@code ::}, which a connect also takes to this host. Probing them would make the scanner probe
 * itself, even on a test bed that allows loopback. Other loopback addresses ({@code 127.0.0.2},
 * {@code ::ffff:127.5.5.5}) are not localhost (simulated networks put real servers there): the
 * prober's address policy refuses them, with the reason stored, unless {@code --allow-address}
 * allows them. A hostile zone can list thousands of MX hosts and
 * addresses: {@link #plan} takes at most {@link MailServerBudget#pairsPerDomain()} pairs and
 * {@link MailServerBudget#hostsPerAddress()} host names on one address, in preference order as
 * DNS gave them, and names the rest as left out (at most {@link #MAX_LEFT_OUT} of them, so a
 * hostile answer costs bounded rows).
 */
public final class MxTargets {

    public static final int MAX_PER_DOMAIN = MailServerBudget.DEFAULT_PAIRS_PER_DOMAIN;
    public static final int MAX_LEFT_OUT = 256;

    private static final Set<InetAddress> THIS_HOST = Set.of(InetAddress.ofLiteral("127.0.0.1"),
            InetAddress.ofLiteral("::1"), InetAddress.ofLiteral("0.0.0.0"), InetAddress.ofLiteral("::"));

    private MxTargets() {}

    /** A pair the budget leaves out, and why (the text after {@link MailServerBudget#NOT_PROBED}). */
    public record LeftOut(MailServerTarget target, String reason) {}

    /** The pairs to probe, and the pairs the budget leaves out. */
    public record Plan(List<MailServerTarget> probe, List<LeftOut> leftOut) {
        public Plan {
            probe = List.copyOf(probe);
            leftOut = List.copyOf(leftOut);
        }
    }

    /** The pairs to probe with the default pair limit and no limit of names per address. */
    public static List<MailServerTarget> of(DomainResult domain, int port) {
        return plan(domain, port, new MailServerBudget(Integer.MAX_VALUE, MAX_PER_DOMAIN,
                MailServerBudget.DEFAULT_TIME)).probe();
    }

    public static Plan plan(DomainResult domain, int port, MailServerBudget budget) {
        Set<MailServerTarget> targets = new LinkedHashSet<>();
        Set<MailServerTarget> seen = new HashSet<>();
        Map<InetAddress, Integer> namesPerAddress = new HashMap<>();
        List<LeftOut> leftOut = new ArrayList<>();
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
                if (isThisHost(ip)) {
                    continue;
                }
                MailServerTarget target = new MailServerTarget(name, ip, port);
                if (!seen.add(target)) {
                    continue;
                }
                InetAddress gate = GateKey.of(ip); // an IPv6 /64 is one server
                int names = namesPerAddress.getOrDefault(gate, 0);
                String reason = null;
                if (names >= budget.hostsPerAddress()) {
                    reason = budget.hostsPerAddress() + " host names on " + GateKey.text(ip) + " already";
                } else if (targets.size() >= budget.pairsPerDomain()) {
                    reason = budget.pairsPerDomain() + " pairs already";
                }
                if (reason == null) {
                    targets.add(target);
                    namesPerAddress.put(gate, names + 1);
                } else if (leftOut.size() < MAX_LEFT_OUT) {
                    leftOut.add(new LeftOut(target, reason));
                }
            }
        }
        return new Plan(List.copyOf(targets), leftOut);
    }

    /** 127.0.0.1, ::1, 0.0.0.0 or ::, or an IPv6 address that carries one of them (IPv4-mapped, NAT64, ...). */
    public static boolean isThisHost(InetAddress address) {
        InetAddress plain = withoutScope(address);
        return THIS_HOST.contains(plain)
                || EmbeddedIpv4.of(plain).stream().anyMatch(e -> THIS_HOST.contains(e.address()));
    }

    private static InetAddress withoutScope(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress()); // also ::ffff:a.b.c.d as IPv4
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }
}
