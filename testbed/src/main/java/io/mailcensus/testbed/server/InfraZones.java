package io.mailcensus.testbed.server;

import io.mailcensus.testbed.zone.Infrastructure;
import io.mailcensus.testbed.zone.ZoneLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The zones whose content depends on the addresses a testbed got: the root zone (delegating the
 * TLD, the infrastructure zone and 127.in-addr.arpa to Knot) and the head of the infrastructure
 * zone (name server addresses), which then includes the generated fixed records.
 */
final class InfraZones {

    static final String SOA_TAIL = " hostmaster." + Infrastructure.ZONE + ". 1 7200 3600 1209600 300";

    private InfraZones() {}

    static Path rootZone(ZoneLayout layout) {
        return layout.zonesDir().resolve("root.zone");
    }

    /** The root's DS for the TLD, written once the TLD is signed (see {@link ChainOfTrust}). */
    static Path rootDsRecords(ZoneLayout layout) {
        return layout.zonesDir().resolve("root-ds.zone");
    }

    static Path infraZone(ZoneLayout layout) {
        return layout.zonesDir().resolve("infra.zone");
    }

    static void write(ZoneLayout layout, AddressPlan plan, String tld) throws IOException {
        String knot = plan.authoritative().getHostAddress();
        List<String> root = new ArrayList<>();
        root.add("$TTL 3600");
        root.add(". IN SOA " + Infrastructure.ROOT_SERVER + SOA_TAIL);
        root.add(". IN NS " + Infrastructure.ROOT_SERVER);
        root.add(Infrastructure.ZONE + ". IN NS " + Infrastructure.ROOT_SERVER);
        root.add(tld + ". IN NS " + Infrastructure.TLD_SERVER);
        root.add("$INCLUDE \"" + rootDsRecords(layout).toAbsolutePath() + "\"");
        root.add("127.in-addr.arpa. IN NS " + Infrastructure.ROOT_SERVER);
        // Glue below the infrastructure delegation: the root is authoritative for it, so a
        // resolver accepts it and needs no extra round trip.
        root.add(Infrastructure.ROOT_SERVER + " IN A " + knot);
        root.add(Infrastructure.TLD_SERVER + " IN A " + knot);
        Files.write(rootZone(layout), root);
        // No DS until the keys of this start are known: ChainOfTrust writes them and reloads.
        Files.writeString(rootDsRecords(layout), "; DS of the TLD, written when the testbed starts\n");
        Files.writeString(layout.tldDsRecords(), "; DS of the secure children, written when the testbed starts\n");

        List<String> infra = new ArrayList<>();
        infra.add("$ORIGIN " + Infrastructure.ZONE + ".");
        infra.add("$TTL 3600");
        infra.add(Infrastructure.ZONE + ". IN SOA " + Infrastructure.ROOT_SERVER + SOA_TAIL);
        infra.add(Infrastructure.ZONE + ". IN NS " + Infrastructure.ROOT_SERVER);
        for (String ns : Infrastructure.authoritativeServerNames()) {
            infra.add(ns + " IN A " + knot);
        }
        infra.add(Infrastructure.LAME_SERVER + " IN A " + plan.lame().getHostAddress());
        infra.add(Infrastructure.UNREACHABLE_SERVER + " IN A " + plan.unreachable().getHostAddress());
        infra.add("$INCLUDE \"" + layout.infraRecords().toAbsolutePath() + "\"");
        Files.write(infraZone(layout), infra);
    }
}
