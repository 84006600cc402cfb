package io.mailcensus.launcher;

import io.mailcensus.coordinator.input.AxfrSource;
import io.mailcensus.coordinator.input.ListFileSource;
import io.mailcensus.coordinator.input.NameSource;
import io.mailcensus.coordinator.input.ZoneFileSource;
import io.mailcensus.launcher.local.LocalScan;
import io.mailcensus.launcher.local.ScanPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan a list of domains (one a line, # comments), a zone file or a zone transfer (AXFR) into the store.")
final class ScanCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-",
            description = "domain list; - or nothing reads standard input")
    String list;

    @Option(names = "--zone", paramLabel = "FILE", description = "a DNS zone file (RFC 1035 master format): scans its delegations")
    Path zone;

    @Option(names = "--zone-name", paramLabel = "NAME",
            description = "the zone to transfer with --axfr, or the zone file's origin when it has no $ORIGIN/SOA, e.g. ch.")
    String zoneName;

    @Option(names = "--axfr", paramLabel = "HOST[:PORT]",
            description = "... or a zone transfer (AXFR) of --zone-name from this server: scans its delegations")
    String axfr;

    @Option(names = "--tsig", paramLabel = "ALG:NAME:BASE64SECRET",
            description = "TSIG key for --axfr; ALG is hmac-sha256, hmac-sha384, hmac-sha512 or hmac-sha1")
    String tsig;

    @Option(names = "--scan-id", paramLabel = "ID", description = "default: the UTC start time")
    String scanId;

    @Option(names = "--resume", paramLabel = "ID", description = "finish an interrupted scan: rescans only the domains it has no result for")
    String resume;

    @Mixin
    StoreOptions store;

    @Mixin
    ProbeOptions probe;

    @Mixin
    MailProbeOptions mail;

    @Option(names = "--progress", paramLabel = "auto|line|off", defaultValue = "auto",
            description = "live progress on a terminal, a plain line every few seconds otherwise (default: ${DEFAULT-VALUE})")
    String progress;

    @Override
    public Integer call() throws Exception {
        if (scanId != null && resume != null) {
            throw new UserException("--scan-id and --resume exclude each other: --resume ID names the scan");
        }
        if ((list != null ? 1 : 0) + (zone != null ? 1 : 0) + (axfr != null ? 1 : 0) > 1) {
            throw new UserException("give one input: a list FILE, --zone FILE or --axfr HOST");
        }
        if (tsig != null && axfr == null) {
            throw new UserException("--tsig goes with --axfr");
        }
        NameSource source = source();
        String id = resume != null ? resume : scanId != null ? scanId : defaultScanId();
        ScanPlan plan = new ScanPlan(id, resume != null, source, store.data, probe.settings(),
                mail.settings(System.err), mail.web(), probe.concurrency,
                ProgressMode.parse(progress));
        return new LocalScan(plan, System.out, System.err).run();
    }

    private NameSource source() throws TextParseException {
        if (axfr != null) {
            try {
                return AxfrSource.of(axfr, zoneName, tsig);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }
        if (zone != null) {
            requireReadable(zone);
            return new ZoneFileSource(zone, zoneName == null ? null : Name.fromString(zoneName, Name.root));
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

    static String defaultScanId() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
