package io.mailcensus.worker.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SPF record parsed against the RFC 7208 section 12 grammar: its directives in order, its
 * redirect and exp modifiers. Any syntax error anywhere makes the whole record a permerror
 * (4.6), so parsing is all-or-nothing.
 */
public record SpfPolicy(List<Mechanism> mechanisms, MacroString redirect, MacroString exp) {

    public enum Kind {
        ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS;

        /** RFC 7208 4.6.4: the terms that cause DNS queries and count towards the limit of 10. */
        public boolean queriesDns() {
            return this == INCLUDE || this == A || this == MX || this == PTR || this == EXISTS;
        }
    }

    /**
     * @param target the domain-spec (null when absent: the current domain)
     * @param network for ip4/ip6 only
     * @param cidr4 prefix applied to IPv4 addresses (32 unless written)
     * @param cidr6 prefix applied to IPv6 addresses (128 unless written)
     */
    public record Mechanism(char qualifier, Kind kind, MacroString target, InetAddress network, int cidr4, int cidr6) {

        public SpfResult result() {
            return SpfResult.ofQualifier(qualifier);
        }

        /** The domain-spec as written, or null. */
        public String targetText() {
            return target == null ? null : target.text();
        }
    }

    private static final String VERSION = "v=spf1";
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.\\-]*)=(.*)", Pattern.DOTALL);
    private static final Pattern DUAL_CIDR = Pattern.compile("(.*?)(?:/(0|[1-9][0-9]*))?(?://(0|[1-9][0-9]*))?", Pattern.DOTALL);
    private static final Pattern IP4 = Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final Pattern DOMAIN_END = Pattern.compile(
            ".*\\.([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])\\.?", Pattern.DOTALL);

    public String redirectText() {
        return redirect == null ? null : redirect.text();
    }

    /** Parses a record that starts with the v=spf1 version token. */
    public static SpfPolicy parse(String record) throws SpfSyntaxException {
        if (!record.regionMatches(true, 0, VERSION, 0, VERSION.length())
                || (record.length() > VERSION.length() && record.charAt(VERSION.length()) != ' ')) {
            throw new SpfSyntaxException("record does not start with v=spf1");
        }
        List<Mechanism> mechanisms = new ArrayList<>();
        MacroString redirect = null;
        MacroString exp = null;
        for (String term : record.substring(VERSION.length()).split(" ")) {
            if (term.isEmpty()) {
                continue; // several spaces in a row, or trailing spaces (4.5/2)
            }
            for (char c : term.toCharArray()) {
                if (c < 0x21 || c > 0x7e) {
                    throw new SpfSyntaxException("character 0x" + Integer.toHexString(c) + " in term '" + printable(term) + "'");
                }
            }
            Matcher modifier = MODIFIER.matcher(term);
            if (modifier.matches()) {
                String name = modifier.group(1).toLowerCase(Locale.ROOT);
                String value = modifier.group(2);
                switch (name) {
                    case "redirect" -> {
                        if (redirect != null) {
                            throw new SpfSyntaxException("more than one redirect modifier");
                        }
                        redirect = domainSpec(value, term);
                    }
                    case "exp" -> {
                        if (exp != null) {
                            throw new SpfSyntaxException("more than one exp modifier");
                        }
                        exp = domainSpec(value, term);
                    }
                    default -> MacroString.parse(value, false); // unknown modifiers are ignored, if well-formed
                }
            } else {
                mechanisms.add(mechanism(term));
            }
        }
        return new SpfPolicy(List.copyOf(mechanisms), redirect, exp);
    }

    private static Mechanism mechanism(String term) throws SpfSyntaxException {
        char qualifier = '+';
        String rest = term;
        if ("+-~?".indexOf(term.charAt(0)) >= 0) {
            qualifier = term.charAt(0);
            rest = term.substring(1);
        }
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != ':' && rest.charAt(end) != '/') {
            end++;
        }
        String name = rest.substring(0, end).toLowerCase(Locale.ROOT);
        String args = rest.substring(end);
        Kind kind = switch (name) {
            case "all" -> Kind.ALL;
            case "include" -> Kind.INCLUDE;
            case "a" -> Kind.A;
            case "mx" -> Kind.MX;
            case "ptr" -> Kind.PTR;
            case "ip4" -> Kind.IP4;
            case "ip6" -> Kind.IP6;
            case "exists" -> Kind.EXISTS;
            default -> throw new SpfSyntaxException("unknown mechanism '" + term + "'");
        };
        return switch (kind) {
            case ALL -> {
                requireEmpty(args, term);
                yield new Mechanism(qualifier, kind, null, null, 32, 128);
            }
            case INCLUDE, EXISTS -> new Mechanism(qualifier, kind, requiredSpec(args, term), null, 32, 128);
            case PTR -> new Mechanism(qualifier, kind, args.isEmpty() ? null : requiredSpec(args, term), null, 32, 128);
            case A, MX -> aOrMx(qualifier, kind, args, term);
            case IP4 -> ip(qualifier, kind, args, term);
            case IP6 -> ip(qualifier, kind, args, term);
        };
    }

    private static Mechanism aOrMx(char qualifier, Kind kind, String args, String term) throws SpfSyntaxException {
        Matcher m = DUAL_CIDR.matcher(args);
        if (!m.matches()) {
            throw new SpfSyntaxException("bad term '" + term + "'");
        }
        String spec = m.group(1);
        int cidr4 = prefix(m.group(2), 32, term);
        int cidr6 = prefix(m.group(3), 128, term);
        MacroString target = null;
        if (!spec.isEmpty()) {
            if (spec.charAt(0) != ':') {
                throw new SpfSyntaxException("bad term '" + term + "'");
            }
            target = domainSpec(spec.substring(1), term);
        }
        return new Mechanism(qualifier, kind, target, null, cidr4, cidr6);
    }

    private static Mechanism ip(char qualifier, Kind kind, String args, String term) throws SpfSyntaxException {
        if (!args.startsWith(":")) {
            throw new SpfSyntaxException("'" + term + "' needs an address");
        }
        String value = args.substring(1);
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        String cidr = slash < 0 ? null : value.substring(slash + 1);
        if (cidr != null && !cidr.matches("0|[1-9][0-9]*")) {
            throw new SpfSyntaxException("bad prefix length in '" + term + "'");
        }
        if (kind == Kind.IP4) {
            Matcher m = IP4.matcher(address);
            if (!m.matches()) {
                throw new SpfSyntaxException("bad IPv4 address in '" + term + "'");
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    throw new SpfSyntaxException("bad IPv4 address in '" + term + "'");
                }
                bytes[i] = (byte) octet;
            }
            try {
                return new Mechanism(qualifier, kind, null, InetAddress.getByAddress(bytes), prefix(cidr, 32, term), 128);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        InetAddress network = address.indexOf(':') < 0 || address.indexOf('%') >= 0 ? null : Addresses.literal(address);
        if (network instanceof Inet4Address mapped) {
            // ofLiteral turns ::ffff:a.b.c.d into IPv4; keep it an IPv6 network as written.
            network = ipv6Mapped(mapped);
        }
        if (!(network instanceof Inet6Address)) {
            throw new SpfSyntaxException("bad IPv6 address in '" + term + "'");
        }
        return new Mechanism(qualifier, kind, null, network, 32, prefix(cidr, 128, term));
    }

    private static InetAddress ipv6Mapped(Inet4Address v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int prefix(String digits, int max, String term) throws SpfSyntaxException {
        if (digits == null) {
            return max;
        }
        if (digits.length() > 3 || Integer.parseInt(digits) > max) {
            throw new SpfSyntaxException("prefix length out of range in '" + term + "'");
        }
        return Integer.parseInt(digits);
    }

    private static void requireEmpty(String args, String term) throws SpfSyntaxException {
        if (!args.isEmpty()) {
            throw new SpfSyntaxException("'" + term + "' takes no argument");
        }
    }

    private static MacroString requiredSpec(String args, String term) throws SpfSyntaxException {
        if (!args.startsWith(":")) {
            throw new SpfSyntaxException("'" + term + "' needs a domain");
        }
        return domainSpec(args.substring(1), term);
    }

    /** domain-spec = macro-string domain-end: a literal end must be a real top label. */
    private static MacroString domainSpec(String spec, String term) throws SpfSyntaxException {
        if (spec.isEmpty()) {
            throw new SpfSyntaxException("empty domain in '" + term + "'");
        }
        MacroString macro = MacroString.parse(spec, false);
        if (!macro.endsWithMacro() && !DOMAIN_END.matcher(spec).matches()) {
            throw new SpfSyntaxException("'" + spec + "' does not end in a valid top-level label");
        }
        return macro;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format(Locale.ROOT, "\\x%02x", (int) c));
        }
        return out.toString();
    }
}
