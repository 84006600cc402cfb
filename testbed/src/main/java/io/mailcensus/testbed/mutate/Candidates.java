package io.mailcensus.testbed.mutate;

import io.mailcensus.testbed.mail.GeneratedMailServers;
import io.mailcensus.testbed.mail.Personality;
import io.mailcensus.testbed.mutate.Mutation.Kind;
import io.mailcensus.testbed.mutate.Mutation.LineEdit;
import io.mailcensus.testbed.truth.DomainTruthLine;
import io.mailcensus.testbed.truth.Metric;
import io.mailcensus.testbed.truth.TruthDomainsFile;
import io.mailcensus.testbed.zone.ServerAddress;
import io.mailcensus.testbed.zone.ZoneLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The domains of a generated testbed that one kind of mutation can change with a known outcome,
 * read from its truth and zone files. Only plain cases qualify, so that the change feed's
 * before and after are certain: healthy domains with mail, not bogus, one DMARC or SPF record in
 * one string; for mail server changes, domains with one self-hosted MX host on an ISP address that
 * listens and serves no other host (STARTTLS on, a valid certificate from the testbed CA).
 * Domains named in {@code excluded} (mutated before) are left out: their truth is stale.
 */
final class Candidates {

    private static final Pattern DMARC_POLICY = Pattern.compile("([\"; ]p=)(none|quarantine|reject)(?=[;\" ])");
    private static final Pattern SPF_ALL = Pattern.compile("^(.* IN TXT \"v=spf1(?: [^\"]*)? )([-~])all\"$");
    private static final Pattern MX = Pattern.compile("^\\S+ IN MX \\d+ (\\S+)$");
    private static final Set<String> PLAIN_SPF_EXCLUDED_CASES = Set.of("spf:split", "spf:uppercase", "spf:redirect",
            "spf:with-spf2", "spf:decoy-only", "spf:long", "spf:multiple", "spf:no-all");

    private Candidates() {}

    static Map<Kind, List<Mutation>> read(Path dir, Set<String> excluded) throws IOException {
        ZoneLayout layout = new ZoneLayout(dir);
        List<DomainTruthLine> lines;
        try (Stream<DomainTruthLine> s = TruthDomainsFile.lines(layout.truthDomainsFile())) {
            lines = s.filter(DomainTruthLine::ok).filter(l -> !excluded.contains(l.domain())).toList();
        }
        Set<String> secure = Files.isRegularFile(layout.secureChildren())
                ? new HashSet<>(Files.readAllLines(layout.secureChildren(), StandardCharsets.UTF_8))
                : Set.of();
        Map<String, ServerAddress> isp = ServerAddress.read(layout.serverAddressesFile()).stream()
                .filter(a -> a.role() == ServerAddress.Role.MX_ISP)
                .collect(Collectors.toMap(ServerAddress::ip, a -> a, (a, b) -> a));
        Map<String, Integer> hostsPerIp = new HashMap<>();
        Map<Kind, List<Mutation>> byKind = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        List<Mutation> servers = new ArrayList<>();
        for (DomainTruthLine line : lines) {
            Path zone = childZone(layout, line.domain());
            if (!Files.isRegularFile(zone)) {
                continue;
            }
            List<String> records = Files.readAllLines(zone, StandardCharsets.UTF_8);
            boolean plain = line.counts(Metric.MX_PRESENT) && !line.counts(Metric.DNSSEC_BOGUS)
                    && line.cases().stream().noneMatch(c -> c.startsWith("timeout:"));
            if (secure.contains(line.domain()) && line.counts(Metric.DNSSEC_SECURE)) {
                byKind.get(Kind.DS_BOGUS).add(new Mutation(Kind.DS_BOGUS, line.domain(),
                        List.of(new ExpectedChange(line.domain(), "dnssec", "secure", "bogus")), Optional.empty(),
                        Optional.empty()));
            }
            if (plain) {
                dmarc(line, records).ifPresent(byKind.get(Kind.DMARC_POLICY)::add);
                spf(line, records).ifPresent(byKind.get(Kind.SPF_ALL)::add);
            }
            Optional<String> ip = singleMailAddress(line, records);
            ip.ifPresent(a -> hostsPerIp.merge(a, 1, Integer::sum));
            // a server that offers STARTTLS at once: the change must go from "all" to "none"
            if (plain && ip.isPresent() && isp.containsKey(ip.get()) && isp.get(ip.get()).listens()
                    && isp.get(ip.get()).users() == 1
                    && GeneratedMailServers.personality(isp.get(ip.get())) == Personality.POSTFIX_STARTTLS) {
                servers.add(new Mutation(Kind.STARTTLS_OFF, line.domain(), List.of(), Optional.empty(), ip));
            }
        }
        for (Mutation m : servers) {
            if (hostsPerIp.get(m.server().orElseThrow()) != 1) {
                continue; // another domain's host has this address too: its feed would change as well
            }
            String d = m.domain();
            byKind.get(Kind.STARTTLS_OFF).add(new Mutation(Kind.STARTTLS_OFF, d, List.of(
                    new ExpectedChange(d, "certificate", "valid", "unknown"),
                    new ExpectedChange(d, "starttls", "all", "none")), Optional.empty(), m.server()));
            byKind.get(Kind.CERTIFICATE_EXPIRED).add(new Mutation(Kind.CERTIFICATE_EXPIRED, d, List.of(
                    new ExpectedChange(d, "certificate", "valid", "expired")), Optional.empty(), m.server()));
        }
        return byKind;
    }

    static Path childZone(ZoneLayout layout, String domain) {
        return layout.zonesDir().resolve("children").resolve(domain.substring(0, 2)).resolve(domain + ".zone");
    }

    private static Optional<Mutation> dmarc(DomainTruthLine line, List<String> records) {
        if (!line.counts(Metric.DMARC_PRESENT) || line.counts(Metric.DMARC_INVALID) || line.hasCase("dmarc:split")) {
            return Optional.empty();
        }
        List<String> dmarc = records.stream().filter(r -> r.startsWith("_dmarc." + line.domain() + ". IN TXT ")).toList();
        if (dmarc.size() != 1) {
            return Optional.empty();
        }
        Matcher m = DMARC_POLICY.matcher(dmarc.getFirst());
        if (!m.find()) {
            return Optional.empty();
        }
        String before = m.group(2);
        String after = before.equals("none") ? "reject" : "none";
        String edited = dmarc.getFirst().substring(0, m.start()) + m.group(1) + after
                + dmarc.getFirst().substring(m.end());
        return Optional.of(new Mutation(Kind.DMARC_POLICY, line.domain(),
                List.of(new ExpectedChange(line.domain(), "dmarc_policy", before, after)),
                Optional.of(new LineEdit(dmarc.getFirst(), edited)), Optional.empty()));
    }

    private static Optional<Mutation> spf(DomainTruthLine line, List<String> records) {
        boolean failOrSoft = line.counts(Metric.SPF_ALL_FAIL) || line.counts(Metric.SPF_ALL_SOFTFAIL);
        if (!failOrSoft || line.counts(Metric.SPF_MULTIPLE) || line.counts(Metric.SPF_REDIRECT)
                || line.cases().stream().anyMatch(PLAIN_SPF_EXCLUDED_CASES::contains)) {
            return Optional.empty();
        }
        List<String> spf = records.stream().filter(r -> r.startsWith(line.domain() + ". IN TXT \"v=spf1")).toList();
        if (spf.size() != 1) {
            return Optional.empty();
        }
        Matcher m = SPF_ALL.matcher(spf.getFirst());
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean fail = m.group(2).equals("-");
        String edited = m.group(1) + (fail ? "~" : "-") + "all\"";
        return Optional.of(new Mutation(Kind.SPF_ALL, line.domain(),
                List.of(new ExpectedChange(line.domain(), "spf_all", fail ? "fail" : "softfail", fail ? "softfail" : "fail")),
                Optional.of(new LineEdit(spf.getFirst(), edited)), Optional.empty()));
    }

    /**
     * The IPv4 address of the domain's one self-hosted MX host, when it has exactly one MX
     * record, whose target lives in the domain's own zone with exactly one A record and no AAAA.
     */
    private static Optional<String> singleMailAddress(DomainTruthLine line, List<String> records) {
        if (!line.counts(Metric.MX_PRESENT) || line.cases().stream().anyMatch(c -> c.startsWith("mx:") && !c.equals("mx:self-hosted"))) {
            return Optional.empty();
        }
        List<String> targets = records.stream().map(MX::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        if (targets.size() != 1 || !targets.getFirst().endsWith("." + line.domain() + ".")) {
            return Optional.empty();
        }
        String host = targets.getFirst();
        List<String> a = records.stream().filter(r -> r.startsWith(host + " IN A ")).map(r -> r.substring((host + " IN A ").length()).strip()).toList();
        boolean aaaa = records.stream().anyMatch(r -> r.startsWith(host + " IN AAAA "));
        return a.size() == 1 && !aaaa ? Optional.of(a.getFirst()) : Optional.empty();
    }
}
