package io.mailcensus.testbed.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.truth.DomainFacts;
import io.mailcensus.testbed.truth.DomainFacts.Bimi;
import io.mailcensus.testbed.truth.DomainFacts.Broken;
import io.mailcensus.testbed.truth.DomainFacts.Dkim;
import io.mailcensus.testbed.truth.DomainFacts.Dmarc;
import io.mailcensus.testbed.truth.DomainFacts.DmarcPolicy;
import io.mailcensus.testbed.truth.DomainFacts.MxKind;
import io.mailcensus.testbed.truth.DomainFacts.SpfAll;
import io.mailcensus.testbed.truth.DomainTruthLine;
import io.mailcensus.testbed.truth.Metric;
import io.mailcensus.testbed.truth.Truth;
import io.mailcensus.testbed.truth.TruthDomainsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A second opinion on the truth: reads the zone files back with dnsjava's master-file parser,
 * derives each domain's facts from the records alone (a tiny strict scanner), and requires
 * exactly the metrics the generator recorded. Catches a generator that writes one thing and
 * books another.
 */
class ZoneFilesAgreeWithTruthTest {

    /** The default selector list of checks.md (enough of it for the generated selectors). */
    private static final Set<String> DEFAULT_SELECTORS = Set.of("selector1", "selector2", "google", "default", "k1",
            "k2", "s1", "s2", "dkim", "mail", "smtp", "mxvault", "protonmail", "fm1", "zoho", "mandrill", "mailjet");

    @TempDir
    static Path dir;

    static GeneratedZones zones;
    static Map<String, List<Record>> parent = new HashMap<>();
    /** Children whose DS is made from Knot's key at start-up, and children Knot signs. */
    static java.util.Set<String> secureChildren = new java.util.HashSet<>();
    static java.util.Set<String> signedChildren = new java.util.HashSet<>();

    @BeforeAll
    static void generate() throws IOException {
        zones = new ZoneGenerator(1_000, 11, "test").generate(dir);
        for (Record r : read(zones.layout().tldZone(), "test.")) {
            parent.computeIfAbsent(r.getName().toString(), k -> new ArrayList<>()).add(r);
        }
        secureChildren.addAll(Files.readAllLines(zones.layout().secureChildren()));
        String zone = null;
        for (String line : Files.readAllLines(zones.layout().childZonesConf())) {
            if (line.strip().startsWith("- domain: ")) {
                zone = line.strip().substring("- domain: \"".length(), line.strip().length() - 2);
            } else if (line.strip().equals("template: signed")) {
                signedChildren.add(zone);
            }
        }
    }

    @Test
    void everyDomainsRecordsGiveExactlyItsTruthLine() throws IOException {
        Truth recount = new Truth();
        try (Stream<DomainTruthLine> lines = TruthDomainsFile.lines(zones.layout().truthDomainsFile())) {
            for (DomainTruthLine line : lines.toList()) {
                DomainFacts facts = readFacts(line.domain(), line.unicode());
                assertThat(DomainTruthLine.of(facts).metrics()).as(line.domain()).isEqualTo(line.metrics());
                recount.add(facts);
            }
        }
        assertThat(recount).isEqualTo(zones.truth());
    }

    @Test
    void truthJsonIsTheSumOfThePerDomainLines() throws IOException {
        assertThat(TruthDomainsFile.count(zones.layout().truthDomainsFile())).isEqualTo(zones.truth());
        assertThat(Truth.readJson(zones.layout().truthFile())).isEqualTo(zones.truth());
    }

    private static DomainFacts readFacts(String domain, String unicode) throws IOException {
        String d = domain + ".";
        List<Record> delegation = parent.get(d);
        boolean bogusDs = delegation.stream().anyMatch(r -> r.getType() == Type.DS);
        boolean secure = secureChildren.contains(domain);
        boolean ds = bogusDs || secure;
        boolean signed = signedChildren.contains(domain);
        DomainFacts.Dnssec dnssec = secure ? DomainFacts.Dnssec.SECURE
                : bogusDs ? (signed ? DomainFacts.Dnssec.BOGUS_DS_MISMATCH : DomainFacts.Dnssec.BOGUS_UNSIGNED)
                : signed ? DomainFacts.Dnssec.ISLAND : DomainFacts.Dnssec.UNSIGNED;
        String ns = ((NSRecord) delegation.stream().filter(r -> r.getType() == Type.NS).findFirst().orElseThrow())
                .getTarget().toString();
        Broken broken = switch (ns) {
            case Infrastructure.LAME_SERVER -> Broken.LAME;
            case Infrastructure.UNREACHABLE_SERVER -> Broken.UNREACHABLE;
            default -> Broken.NONE;
        };
        // Only the DNSSEC tag: the truth's dnssec.* metrics read it (DomainFacts.dnssec()).
        List<String> noCases = dnssec.tag() == null ? List.of() : List.of(dnssec.tag());
        if (broken != Broken.NONE) {
            return new DomainFacts(domain, unicode, broken, MxKind.NONE, 0, SpfAll.NONE, false, false, Dmarc.NONE,
                    null, false, false, ds, false, false, Bimi.NONE, Dkim.NONE, noCases);
        }
        Map<String, List<Record>> zone = new HashMap<>();
        for (Record r : read(zones.layout().childZone(domain), d)) {
            zone.computeIfAbsent(r.getName().toString(), k -> new ArrayList<>()).add(r);
        }

        MxKind mx = mxKind(zone, d);

        List<String> spf = txt(zone, d).stream().filter(t -> t.matches("(?i)v=spf1( .*)?")).toList();
        SpfAll all = SpfAll.NONE;
        boolean redirect = false;
        boolean noMail = false;
        if (spf.size() == 1) {
            String[] terms = spf.get(0).trim().split(" +");
            String last = terms[terms.length - 1].toLowerCase(Locale.ROOT);
            all = switch (last) {
                case "-all" -> SpfAll.FAIL;
                case "~all" -> SpfAll.SOFTFAIL;
                case "?all" -> SpfAll.NEUTRAL;
                case "+all", "all" -> SpfAll.PASS;
                default -> SpfAll.NONE;
            };
            for (String t : terms) {
                redirect |= t.toLowerCase(Locale.ROOT).startsWith("redirect=");
            }
            noMail = spf.get(0).equals("v=spf1 -all");
        }

        Dmarc dmarc = Dmarc.NONE;
        DmarcPolicy policy = null;
        boolean rua = false;
        List<String> dmarcRecords = txt(zone, "_dmarc." + d).stream().filter(t -> t.startsWith("v=DMARC1")).toList();
        if (dmarcRecords.size() == 1) {
            Map<String, String> tags = new HashMap<>();
            for (String tag : dmarcRecords.get(0).split(";")) {
                String[] kv = tag.trim().split("=", 2);
                if (kv.length == 2) {
                    tags.put(kv[0].trim(), kv[1].trim());
                }
            }
            policy = switch (tags.getOrDefault("p", "")) {
                case "none" -> DmarcPolicy.NONE;
                case "quarantine" -> DmarcPolicy.QUARANTINE;
                case "reject" -> DmarcPolicy.REJECT;
                default -> null;
            };
            dmarc = policy == null ? Dmarc.INVALID : Dmarc.VALID;
            rua = policy != null && tags.containsKey("rua");
        }

        boolean caa = zone.getOrDefault(d, List.of()).stream().anyMatch(r -> r.getType() == Type.CAA);
        boolean mtaSts = txt(zone, "_mta-sts." + d).stream().anyMatch(t -> t.startsWith("v=STSv1"));
        boolean tlsRpt = txt(zone, "_smtp._tls." + d).stream().anyMatch(t -> t.startsWith("v=TLSRPTv1"));
        Bimi bimi = Bimi.NONE;
        for (String t : txt(zone, "default._bimi." + d)) {
            if (t.startsWith("v=BIMI1")) {
                bimi = t.matches(".*;\\s*a=\\S+.*") ? Bimi.CERTIFICATE : Bimi.RECORD;
            }
        }
        Dkim dkim = Dkim.NONE;
        for (String owner : zone.keySet()) {
            if (owner.endsWith("._domainkey." + d)) {
                String selector = owner.substring(0, owner.indexOf('.'));
                boolean key = txt(zone, owner).stream().anyMatch(t -> t.matches(".*\\bp=[A-Za-z0-9+/=]+.*"));
                Dkim here = key && DEFAULT_SELECTORS.contains(selector) ? Dkim.KEY : Dkim.NODE;
                dkim = dkim == Dkim.KEY ? dkim : here;
            }
        }
        boolean autodiscover = has(zone, "autodiscover." + d, Type.CNAME, Type.A)
                || has(zone, "_autodiscover._tcp." + d, Type.SRV);
        boolean lyncdiscover = has(zone, "lyncdiscover." + d, Type.CNAME, Type.A);
        boolean sip = has(zone, "_sipfederationtls._tcp." + d, Type.SRV);
        Set<String> timeouts = new java.util.HashSet<>();
        if (has(zone, "autodiscover." + d, Type.NS)) {
            timeouts.add(DomainFacts.Discovery.AUTODISCOVER);
        }
        if (has(zone, "_dmarc." + d, Type.NS)) {
            timeouts.add(DomainFacts.Discovery.DMARC);
        }
        return new DomainFacts(domain, unicode, Broken.NONE, mx, spf.size(), all, redirect, noMail, dmarc, policy, rua,
                caa, ds, mtaSts, tlsRpt, bimi, dkim, noCases,
                new DomainFacts.Discovery(autodiscover, lyncdiscover, sip, timeouts));
    }

    private static boolean has(Map<String, List<Record>> zone, String owner, int... types) {
        return zone.getOrDefault(owner, List.of()).stream()
                .anyMatch(r -> java.util.Arrays.stream(types).anyMatch(t -> t == r.getType()));
    }

    private static MxKind mxKind(Map<String, List<Record>> zone, String d) {
        List<MXRecord> mx = zone.getOrDefault(d, List.of()).stream()
                .filter(r -> r instanceof MXRecord).map(r -> (MXRecord) r).toList();
        if (mx.isEmpty()) {
            return MxKind.NONE;
        }
        if (mx.size() == 1 && mx.get(0).getTarget().equals(Name.root)) {
            return MxKind.NULL;
        }
        boolean allLocalhost = mx.stream().allMatch(r -> {
            Name host = r.getTarget();
            if (host.labels() > 1 && host.getLabelString(0).equalsIgnoreCase("localhost")) {
                return true;
            }
            List<String> addresses = zone.getOrDefault(host.toString(), List.of()).stream()
                    .filter(a -> a instanceof ARecord || a instanceof AAAARecord)
                    .map(a -> a.rdataToString()).toList();
            // dnsjava may print ::1 in full (0:0:0:0:0:0:0:1).
            return !addresses.isEmpty() && addresses.stream()
                    .allMatch(a -> a.equals("127.0.0.1") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1"));
        });
        return allLocalhost ? MxKind.LOCALHOST : MxKind.PRESENT;
    }

    private static List<String> txt(Map<String, List<Record>> zone, String owner) {
        return zone.getOrDefault(owner, List.of()).stream()
                .filter(r -> r instanceof TXTRecord)
                .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                .toList();
    }

    private static List<Record> read(Path file, String origin) throws IOException {
        assertThat(file).exists();
        List<Record> records = new ArrayList<>();
        // By file name: the TLD zone $INCLUDEs tld-ds.zone relative to its directory.
        try (Master m = new Master(file.toString(), Name.fromString(origin), 3600)) {
            Record r;
            while ((r = m.nextRecord()) != null) {
                records.add(r);
            }
        }
        return records;
    }
}
