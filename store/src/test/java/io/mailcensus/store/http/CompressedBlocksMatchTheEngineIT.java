package io.mailcensus.store.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.store.ChdbStore;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse writes MergeTree column files in the same compressed block framing as its HTTP
 * {@code compress=1} answers: reading one of the engine's own files (checksums verified) proves
 * the CityHash 1.0.2 checksums and the LZ4 blocks are ClickHouse's, not just self-consistent.
 */
class CompressedBlocksMatchTheEngineIT {

    @TempDir
    Path dir;

    @Test
    void theEnginesOwnColumnFileReadsBackWithVerifiedChecksums() throws Exception {
        try (ChdbStore store = ChdbStore.open(dir.resolve("store"))) {
            store.queryBytes("CREATE TABLE framing (k UInt32) ENGINE = MergeTree ORDER BY k"
                    + " SETTINGS min_bytes_for_wide_part = 0, min_rows_for_wide_part = 0", "TabSeparated");
            store.queryBytes("INSERT INTO framing SELECT number * 7 FROM numbers(100000)", "TabSeparated");
            String partPath = store.query("SELECT path FROM system.parts WHERE table = 'framing' AND active",
                    "TabSeparatedRaw").strip();
            Path columnFile = resolve(dir.resolve("store"), partPath).resolve("k.bin");

            byte[] raw;
            try (InputStream in = CompressedBlocks.reader(Files.newInputStream(columnFile))) {
                raw = in.readAllBytes();
            }

            ByteBuffer values = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(raw).hasSize(400_000);
            assertThat(values.getInt(0)).isEqualTo(0);
            assertThat(values.getInt(4 * 99_999)).isEqualTo(99_999 * 7);
        }
    }

    private static Path resolve(Path dataDir, String partPath) {
        Path part = Path.of(partPath);
        return part.isAbsolute() ? part : dataDir.resolve(part);
    }
}
