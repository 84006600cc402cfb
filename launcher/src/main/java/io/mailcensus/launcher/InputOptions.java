package io.mailcensus.launcher;

import io.mailcensus.coordinator.input.AxfrSource;
import io.mailcensus.coordinator.input.ListFileSource;
import io.mailcensus.coordinator.input.NameSource;
import io.mailcensus.coordinator.input.ZoneFileSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where the domains of a round come from: a list, a zone file or a zone transfer. Shared by scan, coordinator and local-cluster. */
final class InputOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-",
            description = "domain list; - or nothing reads standard input")
    String list;

    @Option(names = "--zone", paramLabel = "FILE", description = "a DNS zone file (RFC 1035 master format): scans its delegations")
    Path zone;

    @Option(names = "--zone-include-dir", paramLabel = "DIR",
            description = "the directory whose files a zone file's $INCLUDE may read (default: none; every $INCLUDE is refused)")
    Path zoneIncludeDir;

    @Option(names = "--zone-name", paramLabel = "NAME",
            description = "the zone to transfer with --axfr, or the zone file's origin when it has no $ORIGIN/SOA, e.g. ch.")
    String zoneName;

    @Option(names = "--axfr", paramLabel = "HOST[:PORT]",
            description = "... or a zone transfer (AXFR) of --zone-name from this server: scans its delegations")
    String axfr;

    @Option(names = "--tsig", paramLabel = "ALG:NAME:BASE64SECRET",
            description = "TSIG key for --axfr; ALG is hmac-sha256, hmac-sha384, hmac-sha512 or hmac-sha1")
    String tsig;

    /** True when the domains come from standard input, which can be read only once. */
    boolean readsStandardInput() {
        return axfr == null && zone == null && (list == null || list.equals("-"));
    }

    /** The one input given (standard input when none), checked. */
    NameSource source() throws TextParseException {
        if ((list != null ? 1 : 0) + (zone != null ? 1 : 0) + (axfr != null ? 1 : 0) > 1) {
            throw new UserException("give one input: a list FILE, --zone FILE or --axfr HOST");
        }
        if (tsig != null && axfr == null) {
            throw new UserException("--tsig goes with --axfr");
        }
        return open();
    }

    private NameSource open() throws TextParseException {
        if (axfr != null) {
            try {
                return AxfrSource.of(axfr, zoneName, tsig);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }
        if (zone != null) {
            requireReadable(zone);
            return new ZoneFileSource(zone, zoneName == null ? null : Name.fromString(zoneName, Name.root), zoneIncludeDir);
        }
        if (list == null || list.equals("-")) {
            return ListFileSource.stdin(System.in);
        }
        Path file = Path.of(list);
        requireReadable(file);
        return ListFileSource.of(file);
    }

    private static void requireReadable(Path file) {
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new UserException("cannot read " + file);
        }
    }

}
