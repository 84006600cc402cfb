package io.mailcensus.testbed.zone;

import java.nio.file.Path;

/**
 * Where the generator puts things under its output directory. The scan list and the truth sit at
 * the top; zone files under {@code zones/}, child zones sharded by the first two characters of
 * their name, as Knot's {@code file: "children/%c[0]%c[1]/%s.zone"} template finds them.
 */
public record ZoneLayout(Path dir) {

    /** The Knot template path for child zones, relative to {@link #zonesDir()}. */
    public static final String CHILD_FILE_TEMPLATE = "children/%c[0]%c[1]/%s.zone";

    public Path domainsFile() {
        return dir.resolve("domains.txt");
    }

    public Path truthFile() {
        return dir.resolve("truth.json");
    }

    public Path truthDomainsFile() {
        return dir.resolve("truth-domains.tsv");
    }

    /** Expected provider breakdowns ({@code ProviderTruth}). */
    public Path truthBreakdownsFile() {
        return dir.resolve("truth-breakdowns.tsv");
    }

    /** Address ranges a scanner under test must never connect to (the IPv6 documentation prefix). */
    public Path optOutFile() {
        return dir.resolve("optout.txt");
    }

    /** The mail and web server addresses the zones point at ({@link ServerAddress}). */
    public Path serverAddressesFile() {
        return dir.resolve("servers.tsv");
    }

    /** For each domain with an MTA-STS record: {@code domain<TAB>mx1,mx2,...} (absolute MX host names). */
    public Path mtaStsPoliciesFile() {
        return dir.resolve("mta-sts-policies.tsv");
    }

    public Path zonesDir() {
        return dir.resolve("zones");
    }

    public Path tldZone() {
        return zonesDir().resolve("tld.zone");
    }

    public Path reverseZone() {
        return zonesDir().resolve("reverse.zone");
    }

    /** The fixed records of the infrastructure zone; the server package adds the addresses. */
    public Path infraRecords() {
        return zonesDir().resolve("infra-records.zone");
    }

    /** A Knot config fragment listing every served child zone. */
    public Path childZonesConf() {
        return zonesDir().resolve("children.conf");
    }

    /** The secure children, one name a line: their DS is made from Knot's keys at start-up. */
    public Path secureChildren() {
        return zonesDir().resolve("dnssec-secure.txt");
    }

    /** DS records of the secure children, written at start-up and included by the TLD zone. */
    public Path tldDsRecords() {
        return zonesDir().resolve("tld-ds.zone");
    }

    public Path generationStamp() {
        return zonesDir().resolve("generation.properties");
    }

    /** The file of a child zone, e.g. {@code zones/ab/abc.test.zone} for {@code abc.test}. */
    public Path childZone(String name) {
        String shard = name.length() >= 2 ? name.substring(0, 2) : name;
        return zonesDir().resolve("children").resolve(shard).resolve(name + ".zone");
    }
}
