package io.mailcensus.testbed.server;

import io.mailcensus.testbed.zone.Infrastructure;
import io.mailcensus.testbed.zone.ZoneLayout;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Links the chain of trust after Knot has signed the zones with keys it made itself (policy
 * {@code testbed}, kept in Knot's KASP database under the work directory): reads the key of every
 * secure child, of the TLD and of the infrastructure zone from Knot, writes their DS records into
 * the parents ({@code tld-ds.zone}, {@code root-ds.zone}, both {@code $INCLUDE}d), reloads the TLD
 * and the root (Knot re-signs them), and writes the root's DS as the trust anchor for Unbound and for the
 * scanner. Bogus DS records need no key: the generator wrote them into the TLD zone already.
 */
final class ChainOfTrust {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
    private static final int PARALLEL_QUERIES = 8;

    private ChainOfTrust() {}

    static void link(ZoneLayout layout, InetSocketAddress knot, Path knotSocket, String tld, Path trustAnchor,
            Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<String> secure = Files.readAllLines(layout.secureChildren()).stream().filter(s -> !s.isBlank()).toList();

        List<String> childDs = new ArrayList<>(List.of("; DS of the secure children, from the keys Knot made"));
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_QUERIES)) {
            List<Future<List<String>>> lookups = new ArrayList<>();
            for (String child : secure) {
                lookups.add(pool.submit(() -> dsLines(knot, child)));
            }
            for (Future<List<String>> f : lookups) {
                childDs.addAll(get(f));
            }
        }
        Files.write(layout.tldDsRecords(), childDs);
        List<String> rootDs = new ArrayList<>(dsLines(knot, tld));
        rootDs.addAll(dsLines(knot, Infrastructure.ZONE));
        Files.write(InfraZones.rootDsRecords(layout), rootDs);

        reload(knotSocket, tld + ".");
        reload(knotSocket, ".");
        if (!secure.isEmpty()) {
            awaitDs(knot, secure.getLast(), deadline);
        }
        awaitDs(knot, tld, deadline);
        awaitDs(knot, Infrastructure.ZONE, deadline);

        List<String> anchor = new ArrayList<>(List.of(
                "; trust anchor of the mailcensus testbed's root (Unbound trust-anchor-file format)"));
        anchor.addAll(dsLines(knot, "."));
        Files.write(trustAnchor, anchor);
    }

    /** DS (SHA-256) of the zone's key-signing keys, as Knot serves them. */
    static List<String> dsLines(InetSocketAddress knot, String zone) throws IOException {
        Message m = DnsProbe.ask(knot, zone, Type.DNSKEY, false, QUERY_TIMEOUT);
        List<String> lines = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof DNSKEYRecord key && (key.getFlags() & DNSKEYRecord.Flags.SEP_KEY) != 0) {
                lines.add(new DSRecord(key.getName(), DClass.IN, 3600, DNSSEC.Digest.SHA256, key).toString());
            }
        }
        if (lines.isEmpty()) {
            throw new IOException("Knot serves no key-signing DNSKEY for " + zone + " (" + Rcode.string(m.getRcode())
                    + "): is the zone signed?");
        }
        return lines;
    }

    private static void reload(Path socket, String zone) throws IOException, InterruptedException {
        String out = KnotServer.knotc(socket, "-b", "zone-reload", zone);
        if (!out.contains("OK")) {
            throw new IOException("knotc zone-reload " + zone + " failed: " + out.strip());
        }
    }

    /** Waits until the parent serves a DS for {@code zone} (the reload and re-signing are done). */
    private static void awaitDs(InetSocketAddress knot, String zone, Instant deadline)
            throws IOException, InterruptedException {
        while (true) {
            Message m = DnsProbe.ask(knot, zone, Type.DS, false, QUERY_TIMEOUT);
            if (m.getSection(Section.ANSWER).stream().anyMatch(r -> r.getType() == Type.DS)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the parent of " + zone + " serves no DS after the reload");
            }
            Thread.sleep(50);
        }
    }

    private static <T> T get(Future<T> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }
}
