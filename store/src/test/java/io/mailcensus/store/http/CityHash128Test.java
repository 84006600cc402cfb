package io.mailcensus.store.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.data.ClickHouseCityHash;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CityHash128Test {

    /** The ClickHouse Java client carries its own CityHash 1.0.2 port: an independent oracle. */
    @Test
    void agreesWithTheClickHouseClientsCityHashForEveryLengthUpTo1100Bytes() {
        Random random = new Random(42);
        for (int length = 0; length <= 1100; length++) {
            byte[] data = new byte[length + 7];
            random.nextBytes(data);
            long[] expected = ClickHouseCityHash.cityHash128(data, 3, length);
            assertThat(CityHash128.hash(data, 3, length)).as("length %d", length).containsExactly(expected);
        }
    }
}
