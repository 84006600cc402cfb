package io.mailcensus.worker.optout;

import io.mailcensus.worker.net.EmbeddedIpv4;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who asked not to be scanned (checks.md, "Politeness"): honoured before any packet is sent, to
 * names and to addresses alike.
 *
 * <p>File format, one entry a line, {@code #} starts a comment (also after an entry):
 * <pre>
 * example.ch          # the domain and every name under it (mx1.example.ch, a.b.example.ch, ...)
 * *.example.ch        # the same (written as a wildcard by habit; errs on the side of not scanning)
 * =mail.example.net   # exactly this host name, not the names under it
 * 192.0.2.0/24        # an IPv4 block; host bits, if any, are dropped (192.0.2.7/24 = 192.0.2.0/24)
 * 198.51.100.7        # one IPv4 address
 * 2001:db8::/32       # an IPv6 block
 * 2001:db8::25        # one IPv6 address
 * </pre>
 * Names are compared case-insensitively in A-label form ({@code bücher.ch} = {@code xn--bcher-kva.ch}).
 * A line that is none of these is counted and kept in {@link #malformed()} for the operator,
 * never fatal: one typo must not stop a scan, nor silently drop the rest of the list.
 *
 * <p>Lookups cost a hash probe per label of the name, or one binary search over the merged
 * address ranges, so a list of millions of entries is fine.
 */
public final class OptOutList {

    /** A line that could not be read as an entry. */
    public record MalformedLine(int lineNumber, String text, String reason) {
    }

    /** At most this many malformed lines are kept verbatim; all are counted. */
    static final int MAX_MALFORMED_KEPT = 1000;

    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern PREFIX_LENGTH = Pattern.compile("\\d{1,3}");

    private final Set<String> domains;
    private final Set<String> exactHosts;
    private final AddressRanges ranges;
    private final List<MalformedLine> malformed;
    private final int malformedCount;

    private OptOutList(Set<String> domains, Set<String> exactHosts, AddressRanges ranges,
            List<MalformedLine> malformed, int malformedCount) {
        this.domains = domains;
        this.exactHosts = exactHosts;
        this.ranges = ranges;
        this.malformed = List.copyOf(malformed);
        this.malformedCount = malformedCount;
    }

    public static OptOutList empty() {
        return parse(new StringReader(""));
    }

    public static OptOutList read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static OptOutList parse(String text) {
        return parse(new StringReader(text));
    }

    public static OptOutList parse(Reader source) {
        Set<String> domains = new HashSet<>();
        Set<String> exactHosts = new HashSet<>();
        List<AddressRanges.Range> ranges = new ArrayList<>();
        List<MalformedLine> malformed = new ArrayList<>();
        int malformedCount = 0;
        BufferedReader reader = source instanceof BufferedReader b ? b : new BufferedReader(source);
        int lineNumber = 0;
        for (String line : (Iterable<String>) reader.lines()::iterator) {
            lineNumber++;
            int hash = line.indexOf('#');
            String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (lineNumber == 1 && entry.startsWith("\uFEFF")) {
                entry = entry.substring(1).strip(); // a byte-order mark from a Windows editor
            }
            if (entry.isEmpty()) {
                continue;
            }
            String problem = add(entry, domains, exactHosts, ranges);
            if (problem != null) {
                malformedCount++;
                if (malformed.size() < MAX_MALFORMED_KEPT) {
                    malformed.add(new MalformedLine(lineNumber, line, problem));
                }
            }
        }
        return new OptOutList(domains, exactHosts, new AddressRanges(ranges), malformed, malformedCount);
    }

    /** Adds one entry; returns why it is malformed, or null. */
    private static String add(String entry, Set<String> domains, Set<String> exactHosts, List<AddressRanges.Range> ranges) {
        if (hasWhitespace(entry)) {
            return "more than one word (one entry a line)";
        }
        int slash = entry.indexOf('/');
        if (entry.indexOf(':') >= 0 || DOTTED_QUAD.matcher(slash < 0 ? entry : entry.substring(0, slash)).matches()) {
            return addRange(entry, ranges);
        }
        if (slash >= 0) {
            return "a prefix length after something that is not an IP address";
        }
        boolean exact = entry.startsWith("=");
        String name = exact ? entry.substring(1) : entry.startsWith("*.") ? entry.substring(2) : entry;
        Optional<String> normal = normaliseName(name);
        if (normal.isEmpty()) {
            return "not a domain name, host name, address or CIDR block";
        }
        (exact ? exactHosts : domains).add(normal.get());
        return null;
    }

    private static String addRange(String entry, List<AddressRanges.Range> ranges) {
        String[] parts = entry.split("/", -1);
        if (parts.length > 2) {
            return "more than one '/'";
        }
        boolean v6 = parts[0].indexOf(':') >= 0;
        Optional<InetAddress> address = literal(parts[0]);
        if (address.isEmpty()) {
            return "not an IP address: " + parts[0];
        }
        int max = v6 ? 128 : 32;
        int bits = max;
        if (parts.length == 2) {
            if (!PREFIX_LENGTH.matcher(parts[1]).matches() || Integer.parseInt(parts[1]) > max) {
                return "prefix length must be 0.." + max + ": '" + parts[1] + "'";
            }
            bits = Integer.parseInt(parts[1]);
        }
        // An IPv4 address sits at ::ffff:0:0/96 of the 128-bit space; a mapped IPv6 literal
        // (::ffff:192.0.2.1, which Java turns into an Inet4Address) already counts from 128.
        ranges.add(AddressRanges.Range.cidr(address.get(), v6 ? bits : 96 + bits));
        return null;
    }

    /** An address literal, parsed without ever asking DNS; no zone ids, no legacy IPv4 forms. */
    private static Optional<InetAddress> literal(String text) {
        if (text.indexOf('%') >= 0) {
            return Optional.empty();
        }
        try {
            if (text.indexOf(':') >= 0) {
                return Optional.of(Inet6Address.ofLiteral(text));
            }
            return DOTTED_QUAD.matcher(text).matches() ? Optional.of(Inet4Address.ofLiteral(text)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Lower case, A-label form, no root dot; empty if it is not a plausible DNS name. */
    static Optional<String> normaliseName(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > 253) {
            return Optional.empty();
        }
        try {
            boolean ascii = n.chars().allMatch(c -> c < 0x80);
            n = (ascii ? n : IDN.toASCII(n, IDN.ALLOW_UNASSIGNED)).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int start = 0;
        boolean lastLabelNumeric = false;
        while (true) {
            int dot = n.indexOf('.', start);
            int end = dot < 0 ? n.length() : dot;
            if (!isLabel(n, start, end)) {
                return Optional.empty();
            }
            if (dot < 0) {
                lastLabelNumeric = n.chars().skip(start).allMatch(c -> c >= '0' && c <= '9');
                break;
            }
            start = dot + 1;
        }
        // No all-numeric TLD (RFC 3696 2): that is a mangled address, e.g. 10.1.2.
        return lastLabelNumeric ? Optional.empty() : Optional.of(n);
    }

    /**
     * Whether a domain or host name is opted out: listed exactly ({@code =name}), or at or under a
     * listed domain. An address literal given as a string is checked against the address ranges.
     */
    public boolean blocks(String domainOrHost) {
        Objects.requireNonNull(domainOrHost, "domainOrHost");
        String text = domainOrHost.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.indexOf(':') >= 0 || DOTTED_QUAD.matcher(text).matches()) {
            Optional<InetAddress> address = literal(text);
            if (address.isPresent()) {
                return blocks(address.get());
            }
        }
        String name = normaliseName(text).orElseGet(() -> lenient(domainOrHost));
        if (exactHosts.contains(name)) {
            return true;
        }
        for (String suffix = name; ; ) {
            if (domains.contains(suffix)) {
                return true;
            }
            int dot = suffix.indexOf('.');
            if (dot < 0) {
                return false;
            }
            suffix = suffix.substring(dot + 1);
        }
    }

    /**
     * Whether an address falls in a listed address or block, or carries an IPv4 address that does
     * ({@code 64:ff9b::c000:207}, {@code ::192.0.2.7}, 6to4, Teredo: {@link EmbeddedIpv4}), since a
     * translator on the path would deliver the packet there.
     */
    public boolean blocks(InetAddress address) {
        if (ranges.contains(Objects.requireNonNull(address, "address"))) {
            return true;
        }
        return EmbeddedIpv4.of(address).stream().anyMatch(e -> ranges.contains(e.address()));
    }

    /** Whether either the host name or the address it resolved to is opted out. */
    public boolean blocks(String host, InetAddress address) {
        return blocks(host) || blocks(address);
    }

    /** Lines that could not be read (the first {@value #MAX_MALFORMED_KEPT}). */
    /** Entries in effect: domains, host names and (merged) address ranges; the scan's record keeps it. */
    public int entries() {
        return domains.size() + exactHosts.size() + ranges.size();
    }

    public List<MalformedLine> malformed() {
        return malformed;
    }

    /** How many lines could not be read, all of them. */
    public int malformedCount() {
        return malformedCount;
    }

    /** Domains and host names listed. */
    public int nameCount() {
        return domains.size() + exactHosts.size();
    }

    /** Disjoint address ranges after merging overlapping and adjacent blocks. */
    public int rangeCount() {
        return ranges.size();
    }

    public boolean isEmpty() {
        return domains.isEmpty() && exactHosts.isEmpty() && ranges.size() == 0;
    }

    /** One DNS label: 1..63 of a-z 0-9 _ -, not starting or ending with a hyphen. */
    private static boolean isLabel(String s, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 63 || s.charAt(start) == '-' || s.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A name we could not normalise is still matched, as plain lower case (fail towards blocking). */
    private static String lenient(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public String toString() {
        return "OptOutList[" + nameCount() + " names, " + rangeCount() + " ranges, " + malformedCount + " malformed]";
    }
}
