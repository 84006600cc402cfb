package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import io.mailcensus.testbed.server.AxfrServer;
import io.mailcensus.testbed.zone.Directories;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code scan --axfr}: the testbed's TLD zone file is served by a second knotd for zone
 * transfers with a TSIG key only; the scan transfers it and scans every delegation through the
 * testbed's resolver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanByZoneTransferIT {

    private static final int DOMAINS = 200;

    private Path dir;
    private DnsTestbed testbed;
    private AxfrServer primary;
    private String secret;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("mailcensus-axfr-scan-it");
        testbed = DnsTestbed.start(TestbedOptions.of(dir.resolve("testbed"), DOMAINS, 20261129L));
        byte[] key = new byte[64];
        new Random(5936).nextBytes(key);
        secret = Base64.getEncoder().encodeToString(key);
        InetAddress listen = InetAddress.getByName("127.54.0.2");
        primary = AxfrServer.start(dir.resolve("primary"), testbed.zones().tld(), testbed.zones().layout().tldZone(),
                new InetSocketAddress(listen, freePort(listen)),
                new AxfrServer.TsigKey("hmac-sha512", "zonedata-key", secret), Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws IOException {
        if (primary != null) {
            primary.close();
        }
        if (testbed != null) {
            testbed.close();
        }
        if (dir != null) {
            Directories.deleteRecursively(dir);
        }
    }

    @Test
    void scansEveryDelegationOfTheTransferredZone() throws Exception {
        Path data = dir.resolve("store");
        CommandRun scan = CommandRun.of(scanArgs(data, "axfr-1", "hmac-sha512:zonedata-key:" + secret));
        assertThat(scan.code()).as(scan.out() + scan.err()).isZero();

        CommandRun sql = CommandRun.of("sql", "--data", data.toString(), "--format", "TabSeparated",
                "SELECT domain FROM domain_results FINAL WHERE scan_id = 'axfr-1' ORDER BY domain");
        assertThat(sql.code()).as(sql.err()).isZero();
        List<String> expected = Files.readAllLines(testbed.domainsFile()).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
        assertThat(expected).hasSize(DOMAINS);
        assertThat(sql.out().strip().lines().toList()).isEqualTo(expected);

        CommandRun scans = CommandRun.of("scans", "--data", data.toString());
        assertThat(scans.out()).contains("axfr " + testbed.zones().tld() + ". from 127.54.0.2:");
    }

    @Test
    void withoutTheKeyTheScanStopsWithOneClearLine() {
        CommandRun scan = CommandRun.of(scanArgs(dir.resolve("store-nokey"), "axfr-nokey", null));
        assertThat(scan.code()).as(scan.err()).isEqualTo(2);
        assertThat(scan.err()).contains("mailcensus scan: AXFR of " + testbed.zones().tld() + ". from 127.54.0.2:")
                .contains("NOTAUTH").doesNotContain("Exception");
    }

    private String[] scanArgs(Path data, String scanId, String tsig) {
        String resolver = testbed.resolver().getAddress().getHostAddress() + ":" + testbed.resolver().getPort();
        String server = primary.address().getAddress().getHostAddress() + ":" + primary.address().getPort();
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--axfr", server, "--zone-name",
                testbed.zones().tld(), "--data", data.toString(), "--scan-id", scanId, "--resolver", resolver, "--allow-address", "127.0.0.0/8",
                "--timeout", "2s", "--retries", "1", "--progress", "off", "--trust-anchor",
                testbed.trustAnchorFile().toString(), "--no-smtp", "--no-http"));
        if (tsig != null) {
            args.addAll(List.of("--tsig", tsig));
        }
        return args.toArray(String[]::new);
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, address)) {
            return s.getLocalPort();
        }
    }
}
