package io.mailcensus.store.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.store.StoreException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChdbConnectionIT {

    /** Raise with -Dmailcensus.it.queries=100000 for the long run. */
    private static final int QUERIES = Integer.getInteger("mailcensus.it.queries", 3000);

    @TempDir
    Path dir;

    @Test
    void resultsAndErrorsAreFreedSoLongLoopsDoNotGrowNativeMemory() throws IOException {
        try (ChdbConnection connection = ChdbConnection.open(ChdbLibrary.load(), dir)) {
            // Resident memory steps up now and then while caches and allocator arenas fill
            // (seen: +130 MB once, then flat). A leak instead grows in every round: by
            // round x 256 KiB (125 MB at the default). So the smallest round must be near zero.
            int rounds = 6;
            int round = QUERIES / rounds;
            runQueries(connection, 300);
            List<Long> growthMb = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long before = nativeKb();
                runQueries(connection, round);
                growthMb.add((nativeKb() - before) / 1024);
            }
            System.out.printf("native memory growth per round of %d queries (and as many failing ones), MB: %s%n",
                    round, growthMb);

            assertThat(Collections.min(growthMb)).as("smallest growth of a round, MB: %s", growthMb).isLessThan(32);
        }
    }

    private static void runQueries(ChdbConnection connection, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(connection.queryBytes("SELECT repeat('x', 262144)", "TabSeparated")).hasSize(262145);
            assertThatThrownBy(() -> connection.query("SELEC 1", "CSV")).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void theJvmKeepsItsSignalHandlersAndStillTurnsNullDereferencesIntoExceptions() {
        ChdbLibrary library = ChdbLibrary.load();
        String before;
        try (ChdbConnection connection = ChdbConnection.open(library, dir)) {
            connection.query("SELECT 1", "CSV");
        }
        before = SignalGuard.describe();
        try (ChdbConnection connection = ChdbConnection.open(library, dir)) {
            connection.query("SELECT sum(number) FROM numbers(1000000)", "CSV");
            assertThat(SignalGuard.describe()).isEqualTo(before);
        }
        assertThat(SignalGuard.describe()).isEqualTo(before);

        Object nothing = null;
        // HotSpot implements this NPE with a SIGSEGV that its own handler turns into an exception.
        assertThatThrownBy(() -> nothing.hashCode()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anInsertTheEngineCannotParseFailsWithItsMessageAndNothingIsWritten() {
        try (ChdbConnection connection = ChdbConnection.open(ChdbLibrary.load(), dir)) {
            connection.execute("CREATE TABLE t (a Int32, s String) ENGINE = MergeTree ORDER BY a");

            assertThatThrownBy(() -> {
                try (ChdbInsert insert = connection.beginInsert("INSERT INTO t", "JSONEachRow")) {
                    insert.append("{\"a\":1,\"s\":\"x\"}\n");
                    insert.append("{\"a\":\"not a number\",\"s\":\"y\"}\n");
                    insert.finish();
                }
            }).isInstanceOf(StoreException.class).hasMessageContaining("Code:");

            try (ChdbInsert insert = connection.beginInsert("INSERT INTO t", "JSONEachRow")) {
                insert.append("{\"a\":2,\"s\":\"kept\"}\n");
                insert.finish();
            }
            try (ChdbInsert abandoned = connection.beginInsert("INSERT INTO t", "JSONEachRow")) {
                abandoned.append("{\"a\":3,\"s\":\"cancelled\"}\n"); // closed without finish: cancelled
            }
            assertThat(connection.query("SELECT groupArray(s) FROM t", "TSV").strip()).isEqualTo("['kept']");
        }
    }

    @Test
    void anInsertIntoAMissingTableFailsAtTheStart() {
        try (ChdbConnection connection = ChdbConnection.open(ChdbLibrary.load(), dir)) {
            assertThatThrownBy(() -> connection.beginInsert("INSERT INTO missing", "JSONEachRow").close())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("missing");
            assertThat(connection.query("SELECT 1", "CSV").strip()).isEqualTo("1");
        }
    }

    @Test
    void binaryFormatsComeBackAsBytes() {
        try (ChdbConnection connection = ChdbConnection.open(ChdbLibrary.load(), dir)) {
            assertThat(connection.queryBytes("SELECT toUInt32(258) AS x", "RowBinary")).containsExactly(2, 1, 0, 0);
        }
    }

    @Test
    void aPathThatIsAFileIsRefusedWithoutPinningTheProcess() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        assertThatThrownBy(() -> ChdbConnection.open(ChdbLibrary.load(), file)).isInstanceOf(StoreException.class);
        try (ChdbConnection connection = ChdbConnection.open(ChdbLibrary.load(), dir.resolve("fine"))) {
            assertThat(connection.query("SELECT 1", "CSV").strip()).isEqualTo("1");
        }
    }

    /** Resident memory less what the JVM has committed for itself (heap, metaspace, code). */
    private static long nativeKb() throws IOException {
        long resident = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElseThrow();
        MemoryMXBean jvm = ManagementFactory.getMemoryMXBean();
        long committed = jvm.getHeapMemoryUsage().getCommitted() + jvm.getNonHeapMemoryUsage().getCommitted();
        return resident - committed / 1024;
    }
}
