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
        description = {"Scan a list of domains (one a line, # comments), a zone file or a zone transfer (AXFR) into the store.",
                "Before the first domain each resolver is asked '. NS': one that does not answer stops the scan "
                        + "with one line naming it."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the scan finished",
            "2:a user error (bad option or input, an input without a single domain (no scan is recorded), "
                    + "a resolver that does not answer, an existing scan id)",
            "3:the scan finished, but more than half of its domains ended in error (one line names the most "
                    + "common cause): its figures measure the network, not the domains",
            "130:interrupted (Ctrl-C); --resume ID finishes it"})
final class ScanCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

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
        NameSource source = input.source();
        String id = resume != null ? resume : scanId != null ? scanId : defaultScanId();
        ScanPlan plan = new ScanPlan(id, resume != null, source, store.data, probe.settings(),
                mail.settings(System.err), mail.web(), probe.concurrency,
                ProgressMode.parse(progress));
        ResolverPreflight.check(plan.dns());
        return new LocalScan(plan, System.out, System.err).run();
    }

    static String defaultScanId() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
