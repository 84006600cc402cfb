package io.mailcensus.worker.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The blocks of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
 * successors) that are not globally reachable, plus multicast, and for IPv6 everything outside
 * global unicast {@code 2000::/3}: nothing a domain's DNS names there is a server on the internet,
 * and a connection there reaches the scanner's own host or network. Pure.
 *
 * <p>Deliberately absent: the tunnel forms ({@code 64:ff9b::/96}, {@code 2002::/16}, Teredo),
 * which {@link EmbeddedIpv4} unwraps to the IPv4 address they lead to; and the few globally
 * reachable anycast blocks of the registries (AS112, AMT).
 */
public final class SpecialPurpose {

    /** A block and the word the refusal gives for it. */
    record Block(Cidr cidr, String kind) {
        static Block of(String cidr, String kind) {
            return new Block(Cidr.parse(cidr), kind);
        }
    }

    private static final List<Block> BLOCKS = List.of(
            Block.of("0.0.0.0/32", "unspecified"),
            Block.of("0.0.0.0/8", "this network"),
            Block.of("10.0.0.0/8", "private"),
            Block.of("100.64.0.0/10", "shared address space (CGNAT)"),
            Block.of("127.0.0.0/8", "loopback"),
            Block.of("169.254.0.0/16", "link-local"),
            Block.of("172.16.0.0/12", "private"),
            Block.of("192.0.0.0/24", "IETF protocol assignments"),
            Block.of("192.0.2.0/24", "documentation"),
            Block.of("192.88.99.0/24", "reserved (6to4 relay anycast)"),
            Block.of("192.168.0.0/16", "private"),
            Block.of("198.18.0.0/15", "benchmarking"),
            Block.of("198.51.100.0/24", "documentation"),
            Block.of("203.0.113.0/24", "documentation"),
            Block.of("224.0.0.0/4", "multicast"),
            Block.of("255.255.255.255/32", "broadcast"),
            Block.of("240.0.0.0/4", "reserved"),
            Block.of("::/128", "unspecified"),
            Block.of("::1/128", "loopback"),
            Block.of("64:ff9b:1::/48", "local-use NAT64"),
            Block.of("100::/64", "discard-only"),
            Block.of("2001:2::/48", "benchmarking"),
            Block.of("2001:db8::/32", "documentation"),
            Block.of("3fff::/20", "documentation"),
            Block.of("5f00::/16", "segment routing (SRv6)"),
            Block.of("fc00::/7", "unique-local"),
            Block.of("fe80::/10", "link-local"),
            Block.of("fec0::/10", "site-local"),
            Block.of("ff00::/8", "multicast"));

    /** The tunnel forms: not refused themselves, their embedded IPv4 address is judged. */
    private static final List<Cidr> UNWRAPPED = List.of(Cidr.parse("::/96"),
            Cidr.parse("64:ff9b::/96"), Cidr.parse("2002::/16"), Cidr.parse("2001::/32"));
    private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");

    private SpecialPurpose() {}

    /** What kind of special address {@code address} itself is (not what it carries); empty for an ordinary one. */
    public static Optional<String> kind(InetAddress address) {
        for (Block block : BLOCKS) {
            if (block.cidr().contains(address)) {
                return Optional.of(block.kind());
            }
        }
        if (address instanceof Inet6Address && !GLOBAL_UNICAST.contains(address)
                && UNWRAPPED.stream().noneMatch(c -> c.contains(address))) {
            return Optional.of("reserved");
        }
        return Optional.empty();
    }
}
