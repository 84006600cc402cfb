package io.mailcensus.worker.dns.dnssec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * One resolver's DNSSEC validator, made cheap for a scan of many domains under few TLDs.
 *
 * <p>dnsjava's ValidatingResolver walks the chain of trust down from its trust anchor for every
 * zone whose own key it has not cached, which in a scan is every domain: the root's DNSKEY, the
 * TLD's DS and the TLD's DNSKEY are fetched and their signatures verified again each time, four
 * ECDSA verifications for an unsigned domain where one (the TLD's proof that it has no DS) is new.
 * On 2 cores that was half of the scanner's CPU. So once a TLD's DS set has itself validated as
 * secure through the configured anchor, a fresh validator gets it as an extra anchor and the walk
 * starts at the TLD. This is a key cache one level up: an anchor is kept no longer than the DS
 * set's TTL and at most {@link #MAX_AGE} (dnsjava's default key-cache limit; a TLD's DS changes rarely), then validated again;
 * a TLD whose DS does not validate as secure is never promoted, and its domains take the full walk.
 */
public final class TldAnchoredValidator {

    static final Duration MAX_AGE = Duration.ofMinutes(15);
    /**
     * How long dnsjava's key cache keeps a zone's validated DNSKEY set (its default: 15 minutes).
     * Within one domain's checks a key is asked again within seconds; a longer life only carries one
     * round's verdict into the next in continuous mode (a DS made bogus at the parent still
     * validated as secure, bench/continuous-rounds), for zones that are few and cheap to re-validate.
     */
    static final Duration KEY_CACHE_MAX_TTL = Duration.ofSeconds(60);
    /** After a failed attempt (timeout, SERVFAIL) or an insecure TLD: try again this much later. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final Resolver head;
    private final TrustAnchor anchor;
    private final Clock clock;
    private final Map<Name, Promotion> tlds = new ConcurrentHashMap<>();
    private volatile ValidatingResolver current;
    /** The TLDs that {@link #current} has as anchors. */
    private volatile Set<Name> anchored = Set.of();

    /** A TLD's validated DS set (empty while being validated, or when it did not validate). */
    private record Promotion(Instant until, List<DSRecord> ds) {}

    public TldAnchoredValidator(Resolver head, TrustAnchor anchor, Clock clock) {
        this.head = head;
        this.anchor = anchor;
        this.clock = clock;
        this.current = build();
    }

    /** The validator to ask about {@code name}; starts validating its TLD's DS when due. */
    public Resolver validatorFor(Name name, Executor executor) {
        Name tld = tldOf(name);
        if (tld != null) {
            Instant now = clock.instant();
            Promotion seen = tlds.get(tld);
            if (seen == null || now.isAfter(seen.until())) {
                Promotion pending = new Promotion(now.plus(MAX_AGE), List.of());
                boolean mine = seen == null ? tlds.putIfAbsent(tld, pending) == null : tlds.replace(tld, seen, pending);
                if (mine) {
                    promote(tld, executor);
                }
            }
        }
        return current;
    }

    /** The TLD of {@code name} when the configured anchor sits strictly above it; else null. */
    private Name tldOf(Name name) {
        if (name.labels() < 3) {
            return null; // the root or a TLD itself
        }
        Name tld = new Name(name, name.labels() - 2);
        boolean above = anchor.covers(tld) && anchor.records().stream().noneMatch(r -> r.getName().subdomain(tld));
        return above ? tld : null;
    }

    private void promote(Name tld, Executor executor) {
        Message query = Message.newQuery(Record.newRecord(tld, Type.DS, DClass.IN));
        try {
            current.sendAsync(query, executor).whenComplete((response, failure) -> settle(tld, response));
        } catch (RuntimeException e) {
            settle(tld, null);
        }
    }

    private void settle(Name tld, Message response) {
        Instant now = clock.instant();
        List<DSRecord> ds = response == null || response.getRcode() != Rcode.NOERROR
                || !response.getHeader().getFlag(Flags.AD)
                ? List.of()
                : response.getSection(Section.ANSWER).stream()
                        .filter(r -> r instanceof DSRecord && r.getName().equals(tld))
                        .map(DSRecord.class::cast).toList();
        if (ds.isEmpty()) {
            tlds.put(tld, new Promotion(now.plus(RETRY_AFTER), List.of()));
        } else {
            Duration ttl = Duration.ofSeconds(ds.stream().mapToLong(Record::getTTL).min().orElse(0));
            tlds.put(tld, new Promotion(now.plus(ttl.compareTo(MAX_AGE) < 0 ? ttl : MAX_AGE), ds));
        }
        if (!ds.isEmpty() || anchored.contains(tld)) {
            rebuild();
        }
    }

    /** dnsjava's settings for the key cache of each validator built here. */
    static java.util.Properties keyCacheProperties() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("dnsjava.dnssec.keycache.max_ttl", Long.toString(KEY_CACHE_MAX_TTL.toSeconds()));
        return p;
    }

    /** The EDNS(0) UDP payload every query advertises (DNS Flag Day 2020: no fragmentation). */
    public static final int EDNS_PAYLOAD = 1232;

    private synchronized void rebuild() {
        current = build();
    }

    /** A fresh validator (its key cache empty) with the configured anchor and the TLDs' valid ones. */
    private ValidatingResolver build() {
        ValidatingResolver v = new ValidatingResolver(head);
        try {
            v.init(keyCacheProperties());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // no file is named: nothing is read
        }
        // The validator's own queries advertise the same 1,232-byte payload as the check queries
        // (it sets DO itself, whatever flags are given here).
        v.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
        try {
            v.loadTrustAnchors(anchor.stream());
            Instant now = clock.instant();
            StringBuilder promoted = new StringBuilder();
            Set<Name> names = new HashSet<>();
            for (Map.Entry<Name, Promotion> e : tlds.entrySet()) {
                Promotion p = e.getValue();
                if (!p.ds().isEmpty() && !now.isAfter(p.until())) {
                    p.ds().forEach(ds -> promoted.append(ds).append('\n'));
                    names.add(e.getKey());
                }
            }
            anchored = Set.copyOf(names);
            if (!promoted.isEmpty()) {
                v.loadTrustAnchors(new ByteArrayInputStream(promoted.toString().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("trust anchor " + anchor.source(), e);
        }
        return v;
    }
}
