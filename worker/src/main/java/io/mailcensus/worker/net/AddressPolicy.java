package io.mailcensus.worker.net;

import io.mailcensus.core.name.IpText;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the scanner may connect to, for every address it learned from DNS or from a redirect (MX
 * hosts over SMTP, MTA-STS, security.txt and Microsoft 365 over HTTPS): never to its own host or
 * network, whatever a hostile zone says. Checked before any packet; never applied to what the
 * operator configured ({@code --resolver}, {@code --axfr}, {@code --kafka}, {@code --clickhouse}).
 *
 * <p>An address is first unwrapped ({@link EmbeddedIpv4}: {@code ::ffff:127.0.0.1},
 * {@code 64:ff9b::7f00:1}, 6to4, Teredo ...) and then refused when it, or an IPv4 address it
 * carries, is special-purpose ({@link SpecialPurpose}: loopback, private, link-local, CGNAT,
 * multicast, unspecified, documentation, benchmarking, reserved) or one of this machine's own
 * interface addresses. Blocks the operator allows ({@code --allow-address}, for a test bed on
 * loopback) are exempt. The opt-out list is separate ({@link io.mailcensus.worker.optout.OptOutList}),
 * and unwraps the same way.
 */
public final class AddressPolicy {

    private final List<Cidr> allowed;
    private final Set<InetAddress> own;

    private AddressPolicy(List<Cidr> allowed, Set<InetAddress> own) {
        this.allowed = List.copyOf(allowed);
        this.own = Set.copyOf(own);
    }

    /** The policy of a real scan: the registries and this machine's interface addresses, minus {@code allowed}. */
    public static AddressPolicy forThisMachine(List<Cidr> allowed) {
        return new AddressPolicy(allowed, interfaceAddresses());
    }

    /** The registries only, minus {@code allowed} (for tests: no look at the machine's interfaces). */
    public static AddressPolicy of(List<Cidr> allowed, Set<InetAddress> own) {
        return new AddressPolicy(allowed, own);
    }

    /** Everything on loopback allowed: for tests against servers on 127.x and ::1. */
    public static AddressPolicy loopbackTestbed() {
        return new AddressPolicy(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1")), Set.of());
    }

    /**
     * Why the scanner must not connect to {@code address}, e.g. {@code "policy: loopback"} or
     * {@code "policy: private (10.0.0.1 in NAT64 64:ff9b::a00:1)"}; empty when it may.
     */
    public Optional<String> refusal(InetAddress address) {
        List<EmbeddedIpv4.Embedded> carried = EmbeddedIpv4.of(address);
        if (isAllowed(address) || (!carried.isEmpty() && carried.stream().allMatch(e -> isAllowed(e.address())))) {
            return Optional.empty();
        }
        for (EmbeddedIpv4.Embedded e : carried) {
            Optional<String> inner = judge(e.address());
            if (inner.isPresent()) {
                return Optional.of("policy: " + inner.get() + " (" + IpText.of(e.address()) + " in " + e.form()
                        + " " + IpText.of(address) + ")");
            }
        }
        return judge(address).map(kind -> "policy: " + kind);
    }

    /** The blocks {@code --allow-address} exempted. */
    public List<Cidr> allowed() {
        return allowed;
    }

    private boolean isAllowed(InetAddress address) {
        return allowed.stream().anyMatch(c -> c.contains(address));
    }

    private Optional<String> judge(InetAddress address) {
        if (isAllowed(address)) {
            return Optional.empty();
        }
        Optional<String> kind = SpecialPurpose.kind(address);
        if (kind.isPresent()) {
            return kind;
        }
        return own.contains(address) ? Optional.of("the scanner's own address") : Optional.empty();
    }

    /** Every address of every interface of this machine, up or down; none when Java cannot list them. */
    private static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            List<NetworkInterface> interfaces = new ArrayList<>();
            NetworkInterface.networkInterfaces().forEach(interfaces::add);
            for (NetworkInterface nic : interfaces) {
                nic.inetAddresses().forEach(a -> addresses.add(withoutScope(a)));
            }
        } catch (SocketException e) {
            // No interface list: the registries still refuse loopback and the private ranges.
        }
        return addresses;
    }

    /** fe80::1%eth0 and fe80::1 are the same address to compare with. */
    private static InetAddress withoutScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }

    @Override
    public String toString() {
        return "AddressPolicy[allowed=" + allowed + ", own=" + own.size() + " addresses]";
    }
}
