package io.mailcensus.worker.dns.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A domain's MX records, sorted by preference (then host) and de-duplicated, with the facts
 * checks.md asks about: null MX (RFC 7505) and "localhost" mail hosts.
 */
public record MxSet(List<Entry> records) {

    /** One MX record; host in lower case without the trailing dot, the root as ".". */
    public record Entry(int preference, String host) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingInt(Entry::preference).thenComparing(Entry::host);

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1");

    public MxSet {
        records = List.copyOf(records);
    }

    public static MxSet of(List<Entry> entries) {
        TreeSet<Entry> sorted = new TreeSet<>(ORDER);
        sorted.addAll(entries);
        return new MxSet(new ArrayList<>(sorted));
    }

    /** RFC 7505: exactly one MX, preference 0, target the root. */
    public boolean nullMx() {
        return records.size() == 1 && records.getFirst().preference() == 0 && records.getFirst().host().equals(".");
    }

    /** Mail hosts worth resolving: distinct, in preference order, without the root. */
    public List<String> hosts() {
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        for (Entry e : records) {
            if (!e.host().equals(".")) {
                hosts.add(e.host());
            }
        }
        return List.copyOf(hosts);
    }

    /**
     * An MX host named localhost: "localhost" itself, or "localhost.example.ch", which is what a
     * relative "localhost" in a zone file becomes.
     */
    public static boolean isLocalhostName(String host) {
        int dot = host.indexOf('.');
        String first = dot < 0 ? host : host.substring(0, dot);
        return first.equalsIgnoreCase("localhost");
    }

    /**
     * The host's addresses are only 127.0.0.1 and/or ::1. Other 127.x addresses do not count:
     * simulated networks put real servers there.
     */
    public static boolean onlyLoopback(List<String> ipv4, List<String> ipv6) {
        List<String> all = new ArrayList<>(ipv4);
        all.addAll(ipv6);
        return !all.isEmpty() && LOOPBACK.containsAll(all);
    }
}
