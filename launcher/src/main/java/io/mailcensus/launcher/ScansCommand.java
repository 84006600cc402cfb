package io.mailcensus.launcher;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.launcher.local.ScanQueries;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "scans", mixinStandardHelpOptions = true, description = "List the scans in the store with their state and counts.")
final class ScansCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        try (ResultStore s = store.openExisting()) {
            List<ScanRecord> scans = ScanQueries.all(s);
            if (scans.isEmpty()) {
                System.out.println("no scans in " + store.data);
                return 0;
            }
            String format = "%-22s %-11s %12s %12s %10s  %-20s  %-20s  %s%n";
            System.out.printf(format, "ID", "STATE", "DOMAINS", "DONE", "REJECTED", "STARTED", "FINISHED", "SOURCE");
            for (ScanRecord r : scans) {
                System.out.printf(format, r.id(), r.state(), String.format("%,d", r.domainsTotal()),
                        String.format("%,d", r.domainsDone()), String.format("%,d", r.rejected()),
                        r.started(), r.finished() == null ? "-" : r.finished(), r.source());
            }
        }
        return 0;
    }
}
