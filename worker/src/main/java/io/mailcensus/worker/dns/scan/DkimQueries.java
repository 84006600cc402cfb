package io.mailcensus.worker.dns.scan;

import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.worker.dns.checks.DkimAnswers;
import io.mailcensus.worker.dns.client.DnsAnswer;
import io.mailcensus.worker.dns.client.DnsClient;
import io.mailcensus.worker.dns.client.Names;
import io.mailcensus.worker.dns.client.Query;
import io.mailcensus.worker.dns.records.DmarcRecord;
import io.mailcensus.worker.dns.records.SpfRecord;
import io.mailcensus.worker.dns.records.TxtText;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DKIM queries of a domain: the wildcard probe (a never-used selector) goes out with the
 * {@code _domainkey} node in the second wave; the selector list (about 23 queries) follows once
 * MX, apex TXT, DMARC and the node are in.
 *
 * <p>Cost: the selectors are most of a domain's queries, so they are skipped when DNS shows no
 * sign of mail at all — no MX records, no SPF record, no DMARC record and an NXDOMAIN
 * {@code _domainkey}, all answered without error. A domain that signs mail without any of those
 * is rare, and the skip is written into the result's notes. By default a {@code _domainkey}
 * NXDOMAIN alone skips them too (RFC 8020: the subtree is empty); servers that mishandle empty
 * non-terminals answer exactly that for a node with keys below it, so
 * {@link DkimPlan#afterNxdomain()} asks anyway. Any failed answer counts as a sign, since unknown
 * is not absent. The price is one round trip more for the domains that get them.
 */
record DkimQueries(DkimAnswers answers) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    static CompletableFuture<DnsAnswer> probe(DnsClient dns, Name domain) {
        return under(dns, neverUsedSelector() + "._domainkey", domain);
    }

    static CompletableFuture<DkimQueries> start(DnsClient dns, Name domain, DkimPlan plan,
            CompletableFuture<DnsAnswer> node, CompletableFuture<DnsAnswer> probe,
            CompletableFuture<DnsAnswer> mx, CompletableFuture<DnsAnswer> txt, CompletableFuture<DnsAnswer> dmarc) {
        return CompletableFuture.allOf(node, probe, mx, txt, dmarc).thenCompose(done -> {
            String skip = plan.afterNxdomain() ? null : emptySubtree(node.join());
            if (skip == null) {
                skip = noSignOfMail(node.join(), mx.join(), txt.join(), dmarc.join());
            }
            List<String> selectors = plan.selectors();
            if (skip != null || selectors.isEmpty()) {
                return CompletableFuture.completedFuture(new DkimQueries(
                        new DkimAnswers(node.join(), probe.join(), Map.of(), skip)));
            }
            Map<String, CompletableFuture<DnsAnswer>> asked = new LinkedHashMap<>();
            for (String selector : selectors) {
                asked.put(selector, under(dns, selector + "._domainkey", domain));
            }
            return CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new)).thenApply(all -> {
                Map<String, DnsAnswer> answers = new LinkedHashMap<>();
                asked.forEach((selector, answer) -> answers.put(selector, answer.join()));
                return new DkimQueries(new DkimAnswers(node.join(), probe.join(), answers, null));
            });
        });
    }

    /** Every answer, for the result's error list. */
    List<DnsAnswer> all() {
        List<DnsAnswer> all = new ArrayList<>();
        all.add(answers.wildcardProbe());
        all.addAll(answers.selectors().values());
        return all;
    }

    /**
     * RFC 8020: an NXDOMAIN for {@code _domainkey} means nothing exists below it, so every selector
     * would answer NXDOMAIN as well. Null when the node exists or its answer failed (unknown is
     * not absent: a timeout proves nothing about the subtree).
     */
    static String emptySubtree(DnsAnswer node) {
        return node.nameDoesNotExist() && !node.isError()
                ? "_domainkey answered NXDOMAIN, so nothing exists below it (RFC 8020)" : null;
    }

    /** Why the selectors need not be asked, or null when they must be. */
    static String noSignOfMail(DnsAnswer node, DnsAnswer mx, DnsAnswer txt, DnsAnswer dmarc) {
        if (!node.nameDoesNotExist() || mx.isError() || txt.isError() || dmarc.isError()
                || mx.outcome() == DnsAnswer.Outcome.ANSWER
                || has(txt, SpfRecord::isSpf) || has(dmarc, DmarcRecord::isCandidate)) {
            return null;
        }
        return "no MX, SPF or DMARC record and no _domainkey node";
    }

    private static boolean has(DnsAnswer answer, java.util.function.Predicate<String> candidate) {
        return answer.records(TXTRecord.class).stream().map(TxtText::of).anyMatch(candidate);
    }

    /** "mc-" and 16 random base32 letters: no one publishes that selector, so an answer is a wildcard's. */
    static String neverUsedSelector() {
        StringBuilder s = new StringBuilder("mc-");
        for (int i = 0; i < 16; i++) {
            s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    private static CompletableFuture<DnsAnswer> under(DnsClient dns, String prefix, Name domain) {
        try {
            return dns.query(Name.concatenate(Name.fromString(prefix), domain), Type.TXT);
        } catch (NameTooLongException | TextParseException e) {
            return CompletableFuture.completedFuture(DnsAnswer.failed(new Query(domain, Type.TXT),
                    ErrorKind.other, prefix + "." + Names.text(domain) + ": " + e.getMessage()));
        }
    }
}
