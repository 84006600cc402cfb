package io.mailcensus.testbed.mutate;

import io.mailcensus.testbed.mail.GeneratedMailServers;
import io.mailcensus.testbed.mutate.Mutation.Kind;
import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.testbed.server.AddressPlan;
import io.mailcensus.testbed.server.DnsServers;
import io.mailcensus.testbed.zone.ZoneLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code testbed mutate}: changes a known set of domains of a running testbed between two scans
 * and writes what a scanner's change feed must then report to {@code expected-changes.tsv}
 * beside {@code truth.json}. Record changes edit the child zone files (serial + 1) and reload
 * them in Knot; a bogus DS edits {@code tld-ds.zone} and reloads the TLD; Unbound is restarted
 * so that nothing cached before is answered. Mail server changes edit that address's line of
 * Postfix's master.cf (TLS level none, or an expired self-signed certificate) and reload Postfix.
 * Mutated domains are appended to {@code mutated-domains.txt} and never chosen again: their
 * lines in {@code truth-domains.tsv} no longer hold.
 */
public final class Mutator {

    public static final String MUTATED_FILE = "mutated-domains.txt";
    private static final Pattern SOA = Pattern.compile("^(\\S+ IN SOA \\S+ \\S+ )(\\d+)( .*)$");
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(120);

    private Mutator() {}

    /** Chooses the mutations, without changing anything. */
    public static List<Mutation> plan(Path dir, long seed, double fraction, boolean servers) throws IOException {
        return plan(dir, seed, fraction, servers, Set.of());
    }

    /** As above, never choosing a domain of {@code exclude} (e.g. those a scan in progress has already probed). */
    public static List<Mutation> plan(Path dir, long seed, double fraction, boolean servers, Set<String> exclude)
            throws IOException {
        ZoneLayout layout = new ZoneLayout(dir);
        int domains;
        try (var lines = Files.lines(layout.domainsFile())) {
            domains = (int) lines.filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        }
        Set<String> excluded = new LinkedHashSet<>(mutatedBefore(dir));
        excluded.addAll(exclude);
        Map<Kind, List<Mutation>> candidates = Candidates.read(dir, excluded);
        if (!servers) {
            candidates.remove(Kind.STARTTLS_OFF);
            candidates.remove(Kind.CERTIFICATE_EXPIRED);
        }
        return MutationPlan.choose(candidates, seed, fraction, domains);
    }

    /**
     * Applies {@code mutations} to the running testbed in {@code dir} and writes the expected
     * changes; returns them. {@code servers}: whether the testbed runs Postfix (else mail server
     * mutations are refused).
     */
    public static List<ExpectedChange> apply(Path dir, List<Mutation> mutations, AddressPlan plan, String tld,
            boolean servers) throws IOException, InterruptedException {
        ZoneLayout layout = new ZoneLayout(dir);
        Set<String> reload = new LinkedHashSet<>();
        List<String> dsDomains = new ArrayList<>();
        List<Mutation> serverMutations = new ArrayList<>();
        for (Mutation m : mutations) {
            switch (m.kind()) {
                case DMARC_POLICY, SPF_ALL -> {
                    editZone(Candidates.childZone(layout, m.domain()), m.zoneEdit().orElseThrow());
                    reload.add(m.domain() + ".");
                }
                case DS_BOGUS -> dsDomains.add(m.domain());
                case STARTTLS_OFF, CERTIFICATE_EXPIRED -> serverMutations.add(m);
            }
        }
        if (!serverMutations.isEmpty() && !servers) {
            throw new IOException("mail server mutations need a testbed with --servers yes");
        }
        if (!dsDomains.isEmpty()) {
            bogusDs(layout.tldDsRecords(), dsDomains);
            reload.add(tld + ".");
        }
        if (!reload.isEmpty()) {
            DnsServers.reload(dir, List.copyOf(reload), plan, tld, RELOAD_TIMEOUT);
        }
        if (!serverMutations.isEmpty()) {
            editMasterCf(dir, serverMutations);
            GeneratedMailServers.reload(dir);
        }
        List<ExpectedChange> changes = mutations.stream().flatMap(m -> m.changes().stream()).sorted(ExpectedChange.ORDER)
                .toList();
        ExpectedChange.write(dir.resolve(ExpectedChange.FILE), changes);
        Files.write(dir.resolve(MUTATED_FILE), mutations.stream().map(m -> m.domain() + "\t" + m.kind()).toList(),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return changes;
    }

    static Set<String> mutatedBefore(Path dir) throws IOException {
        Path f = dir.resolve(MUTATED_FILE);
        Set<String> domains = new LinkedHashSet<>();
        if (Files.isRegularFile(f)) {
            Files.readAllLines(f, StandardCharsets.UTF_8).forEach(l -> domains.add(l.split("\t")[0]));
        }
        return domains;
    }

    /** Replaces one line and raises the SOA serial by one (Knot and any secondary then see a new version). */
    static void editZone(Path zone, Mutation.LineEdit edit) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(zone, StandardCharsets.UTF_8));
        int i = lines.indexOf(edit.before());
        if (i < 0) {
            throw new IOException(zone + " no longer has the line " + edit.before());
        }
        lines.set(i, edit.after());
        for (int j = 0; j < lines.size(); j++) {
            Matcher m = SOA.matcher(lines.get(j));
            if (m.matches()) {
                lines.set(j, m.group(1) + (Long.parseLong(m.group(2)) + 1) + m.group(3));
                break;
            }
        }
        Files.write(zone, lines, StandardCharsets.UTF_8);
    }

    /** The domains' DS records get a digest of no key: the parent vouches for a key the child does not have. */
    static void bogusDs(Path dsFile, List<String> domains) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dsFile, StandardCharsets.UTF_8));
        for (String domain : domains) {
            boolean found = false;
            for (int j = 0; j < lines.size(); j++) {
                String[] f = lines.get(j).split("\\s+");
                if (f.length == 8 && f[0].equals(domain + ".") && f[3].equals("DS")) {
                    f[7] = HexFormat.of().withUpperCase().formatHex(sha256("bogus " + domain + " " + f[7]));
                    lines.set(j, String.join("\t", f));
                    found = true;
                }
            }
            if (!found) {
                throw new IOException(dsFile + " has no DS for " + domain);
            }
        }
        Files.write(dsFile, lines, StandardCharsets.UTF_8);
    }

    private static void editMasterCf(Path dir, List<Mutation> mutations) throws IOException {
        Path masterCf = GeneratedMailServers.masterCf(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(masterCf, StandardCharsets.UTF_8));
        Path pki = dir.resolve("pki");
        Instant now = Instant.now();
        for (Mutation m : mutations) {
            String ip = m.server().orElseThrow();
            int i = indexOfService(lines, ip);
            String line = lines.get(i);
            if (m.kind() == Kind.STARTTLS_OFF) {
                line = line.replace(" -o smtpd_tls_security_level=may", " -o smtpd_tls_security_level=none");
            } else {
                String host = hostName(line);
                Leaf expired = TestCa.selfSigned("expired-" + ip, List.of(host), now.minus(Duration.ofDays(400)),
                        now.minus(Duration.ofDays(35)));
                Leaf.PemFiles pem = expired.write(pki);
                line = line.replaceAll(" -o smtpd_tls_cert_file=\\S+", " -o smtpd_tls_cert_file=" + pem.certificate())
                        .replaceAll(" -o smtpd_tls_key_file=\\S+", " -o smtpd_tls_key_file=" + pem.key());
            }
            lines.set(i, line);
        }
        Files.write(masterCf, lines, StandardCharsets.UTF_8);
    }

    private static int indexOfService(List<String> lines, String ip) throws IOException {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(ip + ":")) {
                return i;
            }
        }
        throw new IOException("Postfix's master.cf has no service on " + ip);
    }

    private static String hostName(String masterCfLine) {
        Matcher m = Pattern.compile(" -o myhostname=(\\S+)").matcher(masterCfLine);
        return m.find() ? m.group(1) : "expired.invalid";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kinds chosen, for the command's summary line. */
    public static Map<Kind, Long> count(List<Mutation> mutations) {
        Map<Kind, Long> counts = new java.util.EnumMap<>(Kind.class);
        mutations.forEach(m -> counts.merge(m.kind(), 1L, Long::sum));
        return counts;
    }
}
