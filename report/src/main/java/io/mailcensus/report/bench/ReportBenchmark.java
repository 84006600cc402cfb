package io.mailcensus.report.bench;

import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.report.Report;
import io.mailcensus.report.ReportBuilder;
import io.mailcensus.report.catalog.MetricCatalog;
import io.mailcensus.report.sql.SqlFiles;
import io.mailcensus.report.format.ReportFormat;
import io.mailcensus.store.ChdbStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * How long {@code report --format json} takes on a store of N per-domain results (default
 * 1,000,000) with the seed's proportions ({@link SeedPopulation}: 70.76% with MX, their mail
 * servers, SPF, DMARC, DANE ...): {@link ReportBuilder#build} (every SQL file) plus the JSON
 * render, timed after one warm-up run. Filling the store is not timed; a dataDir that already
 * holds the results is reused.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp ... io.mailcensus.report.bench.ReportBenchmark [domains] [runs] [dataDir]
 * </pre>
 */
public final class ReportBenchmark {

    private static final int CALL_ROWS = 20_000;
    private static final String SCAN = "bench";

    private ReportBenchmark() {}

    public static void main(String[] args) throws IOException {
        int domains = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("mailcensus-report-bench");
        Instant t0 = Instant.parse("2023-11-01T00:00:00Z");

        try (ChdbStore store = ChdbStore.open(dir)) {
            store.migrate();
            String existing = store.query("SELECT count() FROM domain_results WHERE scan_id = 'bench'", "TabSeparated");
            if (Long.parseLong(existing.strip()) >= domains) {
                System.out.printf("reusing the %s results in %s%n", existing.strip(), dir);
            } else {
                fill(store, domains, t0);
            }

            ReportBuilder builder = new ReportBuilder(store);
            String json = ReportFormat.JSON.render(builder.build(SCAN)); // warm-up
            double best = Double.MAX_VALUE;
            for (int run = 1; run <= runs; run++) {
                long t = System.nanoTime();
                Report report = builder.build(SCAN);
                json = ReportFormat.JSON.render(report);
                double seconds = (System.nanoTime() - t) / 1e9;
                best = Math.min(best, seconds);
                System.out.printf("run %d: report --format json on %,d results: %.2f s (%,d bytes, mx.present %.2f%%)%n",
                        run, domains, seconds, json.length(), report.metrics().get("mx.present").pct());
            }
            System.out.printf("best of %d: %.2f s%n", runs, best);
            // Where the time goes: each SQL file alone.
            var files = new java.util.ArrayList<String>(MetricCatalog.metricFiles());
            MetricCatalog.breakdowns().forEach(breakdown -> files.add(breakdown.sqlFile()));
            files.add("scan.sql");
            files.add("trend_daily.sql"); // report --trend, one day here
            for (String file : files) {
                String sql = SqlFiles.load(file).bind(java.util.Map.of("scan", SCAN, "top", 10));
                long t = System.nanoTime();
                store.query(sql, "JSONEachRow");
                System.out.printf("  %-22s %.2f s%n", file, (System.nanoTime() - t) / 1e9);
            }
        }
    }

    private static void fill(ChdbStore store, int domains, Instant t0) {
        long fill = System.nanoTime();
        SeedPopulation population = SeedPopulation.q4_2023(domains);
        long servers = 0;
        for (int from = 0; from < domains; from += CALL_ROWS) {
            var batch = population.batch(SCAN, from, Math.min(domains, from + CALL_ROWS), i -> t0.plusMillis(i));
            store.insertDomainResults(batch.domains());
            store.insertMailServerResults(batch.servers());
            servers += batch.servers().size();
        }
        store.upsertScan(new ScanRecord(SCAN, t0, t0.plusSeconds(3600), "finished", "bench", domains, domains, 0,
                t0.plusSeconds(3600)));
        System.out.printf("filled %,d domain results and %,d mail server results in %.1f s%n",
                domains, servers, (System.nanoTime() - fill) / 1e9);
    }
}
