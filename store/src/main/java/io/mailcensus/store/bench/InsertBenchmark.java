package io.mailcensus.store.bench;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.json.JsonEachRowEncoder;
import io.mailcensus.store.schema.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How many DomainResult rows per second go into the embedded store, end to end (encode, hand
 * to the engine, written to MergeTree parts), in the batches an aggregator would use.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp ... io.mailcensus.store.bench.InsertBenchmark [rows] [dataDir]</pre>
 */
public final class InsertBenchmark {

    private static final int BATCH = 20_000;

    private InsertBenchmark() {}

    public static void main(String[] args) throws IOException {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("mailcensus-bench");
        List<List<DomainResult>> batches = new ArrayList<>();
        for (int start = 0; start < total; start += BATCH) {
            List<DomainResult> batch = new ArrayList<>(BATCH);
            for (int i = start; i < Math.min(total, start + BATCH); i++) {
                batch.add(SampleResults.domain("bench", i));
            }
            batches.add(batch);
        }

        JsonEachRowEncoder encoder = JsonEachRowEncoder.of(Tables.DOMAIN_RESULTS.schema());
        StringBuilder out = new StringBuilder(64 << 20);
        long chars = 0;
        long encodeStart = System.nanoTime();
        for (List<DomainResult> batch : batches) {
            out.setLength(0);
            for (DomainResult row : batch) {
                encoder.append(out, row);
            }
            chars += out.length();
        }
        double encodeSeconds = (System.nanoTime() - encodeStart) / 1e9;
        System.out.printf("encode only: %,.0f rows/s (%.0f bytes/row)%n", total / encodeSeconds, (double) chars / total);

        try (ChdbStore store = ChdbStore.open(dir)) {
            store.migrate();
            store.insertDomainResults(batches.getFirst()); // warm-up: JIT and engine caches
            store.query("TRUNCATE TABLE domain_results", "TabSeparated");
            ChdbStore.T_ENC = ChdbStore.T_APP = ChdbStore.T_FIN = 0;
            long start = System.nanoTime();
            for (List<DomainResult> batch : batches) {
                store.insertDomainResults(batch);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String count = store.query("SELECT count() FROM domain_results FINAL", "TabSeparated").strip();
            System.out.printf("enc %.1f s, append %.1f s, finish %.1f s%n", ChdbStore.T_ENC/1e9, ChdbStore.T_APP/1e9, ChdbStore.T_FIN/1e9);
            System.out.printf("insert: %,d rows in %.2f s = %,.0f rows/s (rows in table: %s) into %s%n",
                    total, seconds, total / seconds, count, dir);
        }
    }
}
