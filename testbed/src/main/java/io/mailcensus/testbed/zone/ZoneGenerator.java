package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.truth.DomainTruthLine;
import io.mailcensus.testbed.truth.ProviderTruth;
import io.mailcensus.testbed.truth.Truth;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Generates N delegated domains under a test TLD with a known mix of records, and their ground
 * truth. Everything streams to files one domain at a time, so N can reach millions; the same
 * seed, N and TLD give the same files.
 *
 * <p>Output (see {@link ZoneLayout}): {@code domains.txt} (the scan list, A-labels, one a line),
 * {@code truth.json} (expected count per metric), {@code truth-domains.tsv} (per-domain truth),
 * {@code optout.txt}, and under {@code zones/}: the TLD zone with the delegations and DS records,
 * one zone file per served child, the reverse zone {@code 127.in-addr.arpa.}, the fixed part of
 * the infrastructure zone, and a Knot config fragment listing the child zones.
 */
public final class ZoneGenerator {

    /** Bump when the output for a given seed changes, so old directories are regenerated. */
    static final int FORMAT_VERSION = 4;

    public static final String DEFAULT_TLD = "test";

    private static final Pattern TLD = Pattern.compile("[a-z][a-z0-9-]{0,62}(\\.[a-z][a-z0-9-]{0,62})*");

    private final int domains;
    private final long seed;
    private final String tld;
    private final List<ExtraDomain> extras;
    private final WebShape web;

    public ZoneGenerator(int domains, long seed, String tld) {
        this(domains, seed, tld, List.of());
    }

    /** @param extras hand-written child domains served beside the generated ones (not in the truth) */
    public ZoneGenerator(int domains, long seed, String tld, List<ExtraDomain> extras) {
        this(domains, seed, tld, extras, WebShape.DEFAULT);
    }

    /** @param web how concentrated web hosting is ({@link WebShape}) */
    public ZoneGenerator(int domains, long seed, String tld, List<ExtraDomain> extras, WebShape web) {
        if (domains < 1) {
            throw new IllegalArgumentException("need at least one domain, got " + domains);
        }
        if (!TLD.matcher(tld).matches()) {
            throw new IllegalArgumentException("TLD must be lower-case LDH labels without dots at the ends: " + tld);
        }
        if (tld.equals(Infrastructure.ZONE) || tld.endsWith("." + Infrastructure.ZONE) || tld.equals("arpa") || tld.endsWith(".arpa")) {
            throw new IllegalArgumentException("TLD " + tld + " clashes with the infrastructure zones");
        }
        this.domains = domains;
        this.seed = seed;
        this.tld = tld;
        this.extras = List.copyOf(extras);
        this.web = Objects.requireNonNull(web, "web");
        for (ExtraDomain extra : this.extras) {
            if (!extra.name().endsWith("." + tld)) {
                throw new IllegalArgumentException("extra domain " + extra.name() + " is not under ." + tld);
            }
        }
    }

    /** Generates into {@code dir}, replacing an earlier generation there. */
    public GeneratedZones generate(Path dir) throws IOException {
        ZoneLayout layout = new ZoneLayout(dir);
        Directories.deleteRecursively(layout.zonesDir());
        Files.createDirectories(layout.zonesDir());
        Truth truth = new Truth();
        ProviderTruth providers = new ProviderTruth();
        DomainPlanner planner = new DomainPlanner(seed, domains, tld, web);
        Set<Path> shards = new HashSet<>();
        int served = 0;
        try (BufferedWriter domainList = writer(layout.domainsFile());
                BufferedWriter truthLines = writer(layout.truthDomainsFile());
                BufferedWriter tldZone = writer(layout.tldZone());
                BufferedWriter reverse = writer(layout.reverseZone());
                BufferedWriter children = writer(layout.childZonesConf());
                BufferedWriter secure = writer(layout.secureChildren());
                BufferedWriter mtaSts = writer(layout.mtaStsPoliciesFile())) {
            truthLines.write(DomainTruthLine.HEADER + "\n");
            tldZone.write("$TTL 3600\n");
            tldZone.write(tld + ". IN SOA " + Infrastructure.TLD_SERVER + " hostmaster.nic." + Infrastructure.ZONE
                    + ". 1 7200 3600 1209600 300\n");
            tldZone.write(tld + ". IN NS " + Infrastructure.TLD_SERVER + "\n");
            // Relative, so the same inputs give the same bytes anywhere: Knot reads it next to the zone.
            tldZone.write("$INCLUDE \"" + layout.tldDsRecords().getFileName() + "\"\n");
            reverse.write("$TTL 3600\n");
            reverse.write("127.in-addr.arpa. IN SOA " + Infrastructure.ROOT_SERVER + " hostmaster." + Infrastructure.ZONE
                    + ". 1 7200 3600 1209600 300\n");
            reverse.write("127.in-addr.arpa. IN NS " + Infrastructure.ROOT_SERVER + "\n");
            reverse.write("1.0.0.127.in-addr.arpa. IN PTR localhost.\n");
            writeLines(reverse, Infrastructure.generatedReverseRecords());
            children.write("# Child zones, included by the testbed's knot.conf\nzone:\n");

            for (int i = 0; i < domains; i++) {
                DomainZone zone = planner.plan(i);
                truth.add(zone.facts());
                providers.add(zone.facts(), apexTargets(zone, "NS"), apexTargets(zone, "MX"));
                domainList.write(zone.facts().name() + "\n");
                truthLines.write(DomainTruthLine.of(zone.facts()).toTsv() + "\n");
                writeLines(tldZone, zone.parent());
                if (zone.facts().mtaSts()) {
                    mtaSts.write(zone.facts().name() + "\t" + String.join(",", apexTargets(zone, "MX")) + "\n");
                }
                if (zone.served()) {
                    writeChildZone(layout, zone, shards);
                    children.write("  - domain: \"" + zone.origin() + "\"\n");
                    if (zone.signed()) {
                        children.write("    template: signed\n");
                    }
                    if (zone.needsDs()) {
                        secure.write(zone.facts().name() + "\n");
                    }
                    served++;
                }
            }
            for (ExtraDomain extra : extras) {
                writeExtra(layout, extra, tldZone, children, secure, shards);
            }
            writeLines(reverse, planner.poolReverseRecords());
        }
        ServerAddress.write(layout.serverAddressesFile(), planner.serverAddresses());
        Files.writeString(layout.tldDsRecords(), "; DS of the secure children, written when the testbed starts\n");
        try (BufferedWriter infra = writer(layout.infraRecords())) {
            writeLines(infra, Infrastructure.generatedRecords());
        }
        Files.writeString(layout.optOutFile(), "# never connect here: documentation prefix used for AAAA records\n2001:db8::/32\n");
        truth.writeJson(layout.truthFile());
        providers.write(layout.truthBreakdownsFile());
        writeStamp(layout);
        return new GeneratedZones(layout, domains, seed, tld, served, truth);
    }

    /** A complete earlier generation in {@code dir} made from the same inputs, if there is one. */
    public Optional<GeneratedZones> existing(Path dir) throws IOException {
        ZoneLayout layout = new ZoneLayout(dir);
        if (!Files.isRegularFile(layout.generationStamp()) || !Files.isRegularFile(layout.truthFile())) {
            return Optional.empty();
        }
        Properties stamp = new Properties();
        try (Reader r = Files.newBufferedReader(layout.generationStamp())) {
            stamp.load(r);
        }
        if (!stamp.equals(stampFor())) {
            return Optional.empty();
        }
        int served = Integer.parseInt(stamp.getProperty("served", "-1"));
        return Optional.of(new GeneratedZones(layout, domains, seed, tld, served, Truth.readJson(layout.truthFile())));
    }

    /** {@link #existing} or else {@link #generate}. */
    public GeneratedZones reuseOrGenerate(Path dir) throws IOException {
        // hand-written domains are not in the stamp: a generation with them is always fresh
        Optional<GeneratedZones> earlier = extras.isEmpty() ? existing(dir) : Optional.empty();
        return earlier.isPresent() ? earlier.get() : generate(dir);
    }

    private Properties stampFor() {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT_VERSION));
        p.setProperty("domains", Integer.toString(domains));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("tld", tld);
        p.setProperty("served", Integer.toString(domains - 2 * BrokenSchedule.perKind(domains)));
        if (web.parkedShare() != WebShape.DEFAULT.parkedShare()) {
            p.setProperty("parked-share", Double.toString(web.parkedShare())); // absent: the same bytes as before
        }
        if (web.hostedShare() != WebShape.DEFAULT.hostedShare()) {
            p.setProperty("hosted-share", Double.toString(web.hostedShare()));
        }
        return p;
    }

    private void writeStamp(ZoneLayout layout) throws IOException {
        // Written last: its presence means the generation is complete. No date in it (unlike
        // Properties.store), so the same inputs give the same bytes.
        StringBuilder text = new StringBuilder("# mailcensus testbed zone generation\n");
        stampFor().stringPropertyNames().stream().sorted()
                .forEach(k -> text.append(k).append('=').append(stampFor().getProperty(k)).append('\n'));
        Files.writeString(layout.generationStamp(), text);
    }

    private static void writeChildZone(ZoneLayout layout, DomainZone zone, Set<Path> shards) throws IOException {
        Path file = layout.childZone(zone.facts().name());
        if (shards.add(file.getParent())) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter w = writer(file)) {
            w.write("$ORIGIN " + zone.origin() + "\n$TTL 3600\n");
            writeLines(w, zone.child());
        }
    }

    private static void writeExtra(ZoneLayout layout, ExtraDomain extra, BufferedWriter tldZone, BufferedWriter children,
            BufferedWriter secure, Set<Path> shards) throws IOException {
        String d = extra.name() + ".";
        Infrastructure.DnsHost dns = Infrastructure.firstDnsHost();
        tldZone.write(d + " IN NS " + dns.ns1() + "\n" + d + " IN NS " + dns.ns2() + "\n");
        Path file = layout.childZone(extra.name());
        if (shards.add(file.getParent())) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter w = writer(file)) {
            w.write("$ORIGIN " + d + "\n$TTL 3600\n");
            w.write(d + " IN SOA " + dns.ns1() + " hostmaster." + d + " 1 7200 3600 1209600 300\n");
            w.write(d + " IN NS " + dns.ns1() + "\n" + d + " IN NS " + dns.ns2() + "\n");
            for (String line : extra.records()) {
                w.write(line + "\n");
            }
        }
        children.write("  - domain: \"" + d + "\"\n");
        if (extra.signed()) {
            children.write("    template: signed\n");
            secure.write(extra.name() + "\n");
        }
    }

    /** The absolute targets of the domain's own NS or MX records (for MX, without the preference). */
    static List<String> apexTargets(DomainZone zone, String type) {
        String prefix = zone.origin() + " IN " + type + " ";
        List<String> targets = new ArrayList<>();
        for (String line : zone.child().lines()) {
            if (line.startsWith(prefix)) {
                String rdata = line.substring(prefix.length()).trim();
                String target = type.equals("MX") ? rdata.substring(rdata.indexOf(' ') + 1).trim() : rdata;
                // A relative name (the "localhost" MX case) is completed by the zone's origin.
                targets.add(target.endsWith(".") ? target : target + "." + zone.origin());
            }
        }
        return targets;
    }

    private static void writeLines(Writer w, RecordList records) throws IOException {
        for (String line : records.lines()) {
            w.write(line);
            w.write('\n');
        }
    }

    private static BufferedWriter writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

}
