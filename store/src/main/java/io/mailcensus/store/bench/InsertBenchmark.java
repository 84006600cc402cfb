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
 * to the engine, parse, write MergeTree parts; background merges compete as they would in a
 * scan), in 20k-row calls as an aggregator makes them. Building the rows is not timed.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp ... io.mailcensus.store.bench.InsertBenchmark [rows] [rich|mix] [dataDir]
 * </pre>
 * {@code rich}: every check present on every domain (the heaviest common row); {@code mix}: a
 * TLD-like mix ({@link SampleResults#tldMix}).
 */
public final class InsertBenchmark {

    private static final int CALL_ROWS = 20_000;

    private InsertBenchmark() {}

    public static void main(String[] args) throws IOException {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        boolean mix = args.length > 1 && args[1].equals("mix");
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("mailcensus-bench");
        String label = mix ? "TLD-like mix" : "rich rows";

        JsonEachRowEncoder encoder = JsonEachRowEncoder.of(Tables.DOMAIN_RESULTS.schema());
        StringBuilder out = new StringBuilder(64 << 20);
        long encodeNanos = 0;
        for (int start = 0; start < total; start += CALL_ROWS) {
            List<DomainResult> batch = batch(start, total, mix);
            out.setLength(0);
            long t = System.nanoTime();
            for (DomainResult row : batch) {
                encoder.append(out, row);
            }
            encodeNanos += System.nanoTime() - t;
        }
        System.out.printf("%s, encode only: %,.0f rows/s (%.0f bytes/row of JSON)%n",
                label, total / (encodeNanos / 1e9), (double) out.length() / Math.min(total, CALL_ROWS));

        try (ChdbStore store = ChdbStore.open(dir)) {
            store.migrate();
            store.insertDomainResults(batch(0, CALL_ROWS, mix)); // warm-up: JIT and engine caches
            store.query("TRUNCATE TABLE domain_results", "TabSeparated");
            long insertNanos = 0;
            for (int start = 0; start < total; start += CALL_ROWS) {
                List<DomainResult> batch = batch(start, total, mix);
                long t = System.nanoTime();
                store.insertDomainResults(batch);
                insertNanos += System.nanoTime() - t;
            }
            double seconds = insertNanos / 1e9;
            String count = store.query("SELECT count() FROM domain_results FINAL", "TabSeparated").strip();
            System.out.printf("%s, insert: %,d rows in %.2f s = %,.0f rows/s (rows in table: %s)%n",
                    label, total, seconds, total / seconds, count);
        }
    }

    private static List<DomainResult> batch(int start, int total, boolean mix) {
        List<DomainResult> batch = new ArrayList<>(CALL_ROWS);
        for (int i = start; i < Math.min(total, start + CALL_ROWS); i++) {
            batch.add(mix ? SampleResults.tldMix("bench", i) : SampleResults.domain("bench", i));
        }
        return batch;
    }
}
