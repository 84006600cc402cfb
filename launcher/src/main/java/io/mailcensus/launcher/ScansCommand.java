package io.mailcensus.launcher;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.launcher.local.ScanQueries;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "scans", mixinStandardHelpOptions = true, description = "List the scans in the store with their state and counts. A distributed round is "
                + "feeding (the coordinator is feeding it), fed (every task is in Kafka) or finished (every fed domain "
                + "has a result in the store).")
final class ScansCommand implements Callable<Integer> {

    @Mixin
    QueryStoreOptions store;

    @Override
    public Integer call() {
        try (ResultStore s = store.openExisting()) {
            List<ScanRecord> scans = ScanQueries.all(s);
            if (scans.isEmpty()) {
                System.out.println("no scans in " + store.describe());
                return 0;
            }
            String format = "%-26s %-11s %12s %12s %10s %10s %10s  %-24s  %-24s  %s%n";
            System.out.printf(format, "ID", "STATE", "DOMAINS", "DONE", "REJECTED", "ENQUEUED", "IN FLIGHT", "STARTED",
                    "FINISHED", "SOURCE");
            for (ScanRecord r : scans) {
                // ENQUEUED and IN FLIGHT are a distributed round's (feeding, fed, finished); '-' for a local scan
                boolean round = r.enqueued() > 0 || r.feedingFinished() != null || r.state().startsWith("fe");
                System.out.printf(format, r.id(), r.state(), String.format("%,d", r.domainsTotal()),
                        String.format("%,d", r.domainsDone()), String.format("%,d", r.rejected()),
                        round ? String.format("%,d", r.enqueued()) : "-", round ? String.format("%,d", r.inFlight()) : "-",
                        r.started(), r.finished() == null ? "-" : r.finished(), r.source());
            }
        }
        return 0;
    }
}
