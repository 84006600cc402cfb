package io.mailcensus.launcher.local;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.core.port.ScanRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The scan's row in the {@code scans} table, and what the store already holds for it. */
public final class ScanBook {

    private final ResultStore store;
    private final String scanId;
    private final ScanOptions options;

    public ScanBook(ResultStore store, String scanId) {
        this(store, scanId, ScanOptions.UNKNOWN);
    }

    /** @param options what the scan measures with, written with every save */
    public ScanBook(ResultStore store, String scanId, ScanOptions options) {
        this.store = store;
        this.scanId = scanId;
        this.options = options;
    }

    public Optional<ScanRecord> load() {
        return ScanQueries.scan(store, scanId);
    }

    public void save(Instant started, Instant finished, String state, String source, long total, long done, long rejected) {
        store.upsertScan(new ScanRecord(scanId, started, finished, state, source, total, done, rejected, Instant.now(),
                options));
    }

    /**
     * Domains with a result in this scan: a resumed scan skips them. A domain whose latest row
     * still waits for its web probes (web_pending: the scan stopped before they ran) is not
     * skipped: it is scanned again, web probes included.
     */
    public Set<String> scannedDomains() {
        Set<String> out = new HashSet<>();
        String rows = store.query("SELECT domain FROM domain_results FINAL WHERE scan_id = "
                + ScanQueries.quote(scanId) + " AND NOT web_pending", "TabSeparatedRaw");
        for (String line : rows.split("\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
