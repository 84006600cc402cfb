package io.mailcensus.store.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClickHouseTimeTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private static String format(long millis) {
        StringBuilder out = new StringBuilder();
        ClickHouseTime.append(out, millis);
        return out.toString();
    }

    @Test
    void pinnedValues() {
        assertThat(format(0)).isEqualTo("1970-01-01 00:00:00.000");
        assertThat(format(-1)).isEqualTo("1969-12-31 23:59:59.999");
        assertThat(format(1_700_000_000_123L)).isEqualTo("2023-11-14 22:13:20.123");
        assertThat(format(Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli())).isEqualTo("2024-02-29 23:59:59.999");
        assertThat(format(Instant.parse("2000-03-01T00:00:00Z").toEpochMilli())).isEqualTo("2000-03-01 00:00:00.000");
    }

    @Test
    void agreesWithJavaTimeAcrossTheWholeRange() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(ClickHouseTime.MIN_MILLIS, ClickHouseTime.MAX_MILLIS + 1);
            assertThat(format(millis)).as("%d", millis).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
        }
    }

    @Test
    void instantsOutsideYears1900To9999AreClamped() {
        assertThat(format(Long.MIN_VALUE)).isEqualTo("1900-01-01 00:00:00.000");
        assertThat(format(ClickHouseTime.MIN_MILLIS - 1)).isEqualTo("1900-01-01 00:00:00.000");
        assertThat(format(Long.MAX_VALUE)).isEqualTo("9999-12-31 23:59:59.999");
    }
}
