package io.mailcensus.report.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.core.port.ScanOptions;
import io.mailcensus.report.ScanInfo;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScanDifferencesTest {

    private static final ScanOptions FULL = new ScanOptions("127.0.0.1:53", "validate", true, true, 3L,
            "connections=1,per-minute=6", "connections=4,per-minute=120", "1.0");

    private static ScanInfo scan(String id, long domains, ScanOptions options) {
        return new ScanInfo(id, Instant.EPOCH, Instant.EPOCH, domains, options);
    }

    @Test
    void theSameOptionsAndASizeWithinTenPercentAreComparable() {
        assertThat(ScanDifferences.between(scan("b", 1_050, FULL), scan("a", 1_000, FULL))).isEmpty();
        assertThat(ScanDifferences.between(scan("b", 10, ScanOptions.UNKNOWN), scan("a", 10, ScanOptions.UNKNOWN)))
                .isEmpty();
    }

    @Test
    void eachDifferingOptionAndASizeApartByMoreThanTenPercentIsALine() {
        ScanOptions dnsOnly = new ScanOptions("127.0.0.1:9", "validate", false, false, 3L,
                "connections=1,per-minute=6", "connections=4,per-minute=120", "1.0");
        assertThat(ScanDifferences.between(scan("dead", 20, dnsOnly), scan("full", 1_000, FULL))).containsExactly(
                "scans differ in size by more than 10%: dead has 20 domains, full 1,000",
                "options differ: resolver 127.0.0.1:9 vs 127.0.0.1:53",
                "options differ: SMTP probes off vs on",
                "options differ: HTTPS probes off vs on");
    }

    @Test
    void aScanWithoutRecordedOptionsIsNamed() {
        assertThat(ScanDifferences.between(scan("new", 10, FULL), scan("old", 10, ScanOptions.UNKNOWN)))
                .containsExactly("scan old did not record its options: cannot tell whether it measured the same way");
    }
}
