package io.mailcensus.testbed;

import io.mailcensus.testbed.server.LinkDelay;
import io.mailcensus.testbed.zone.ExtraDomain;
import io.mailcensus.testbed.zone.WebShape;
import io.mailcensus.testbed.zone.ZoneGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to bring a testbed up.
 *
 * @param workDir zones, truth, configs, logs and pid files all live here
 * @param domains how many child domains to generate
 * @param seed the generator's seed: same seed, same domains and truth
 * @param tld the scanned TLD, {@code test} by default
 * @param detached servers outlive this JVM (the CLI); otherwise a shutdown hook stops them
 * @param deleteOnClose remove the work directory on {@link DnsTestbed#close()}; off by default so
 *     logs and zones stay for debugging
 * @param readyTimeout how long to wait for the servers to answer
 * @param extras hand-written child domains served beside the generated ones (integration tests'
 *     own servers); none by default
 * @param servers also run Postfix and nginx on the MX and web addresses of the generated zones
 *     ({@link TestbedServers}); off by default
 * @param link simulated latency and UDP loss between Unbound and Knot
 *     ({@link io.mailcensus.testbed.server.DelayRelay}); none by default
 * @param web how concentrated web hosting is, and whether one web server rate-limits
 *     ({@link WebShape}); the default spread by default
 */
public record TestbedOptions(
        Path workDir, int domains, long seed, String tld, boolean detached, boolean deleteOnClose, Duration readyTimeout,
        List<ExtraDomain> extras, boolean servers, LinkDelay link, WebShape web) {

    public TestbedOptions {
        Objects.requireNonNull(workDir);
        Objects.requireNonNull(tld);
        Objects.requireNonNull(readyTimeout);
        extras = List.copyOf(extras);
        Objects.requireNonNull(link);
        Objects.requireNonNull(web);
    }

    public static TestbedOptions of(Path workDir, int domains, long seed) {
        return new TestbedOptions(workDir, domains, seed, ZoneGenerator.DEFAULT_TLD, false, false, Duration.ofMinutes(5), List.of(),
                false, LinkDelay.NONE, WebShape.DEFAULT);
    }

    public TestbedOptions withTld(String value) {
        return new TestbedOptions(workDir, domains, seed, value, detached, deleteOnClose, readyTimeout, extras, servers, link, web);
    }

    public TestbedOptions withDetached(boolean value) {
        return new TestbedOptions(workDir, domains, seed, tld, value, deleteOnClose, readyTimeout, extras, servers, link, web);
    }

    public TestbedOptions withDeleteOnClose(boolean value) {
        return new TestbedOptions(workDir, domains, seed, tld, detached, value, readyTimeout, extras, servers, link, web);
    }

    public TestbedOptions withReadyTimeout(Duration value) {
        return new TestbedOptions(workDir, domains, seed, tld, detached, deleteOnClose, value, extras, servers, link, web);
    }

    public TestbedOptions withExtraDomains(List<ExtraDomain> value) {
        return new TestbedOptions(workDir, domains, seed, tld, detached, deleteOnClose, readyTimeout, value, servers, link, web);
    }

    public TestbedOptions withServers(boolean value) {
        return new TestbedOptions(workDir, domains, seed, tld, detached, deleteOnClose, readyTimeout, extras, value, link, web);
    }

    /** Round-trip time between Unbound and Knot (half each way); zero, the default, is loopback speed. */
    public TestbedOptions withLatency(Duration value) {
        return withLink(link.withLatency(value));
    }

    /** Probability that a UDP packet between Unbound and Knot is lost, each way (0.005 = 0.5%). */
    public TestbedOptions withLoss(double value) {
        return withLink(link.withLoss(value));
    }

    public TestbedOptions withWeb(WebShape value) {
        return new TestbedOptions(workDir, domains, seed, tld, detached, deleteOnClose, readyTimeout, extras, servers, link, value);
    }

    public TestbedOptions withLink(LinkDelay value) {
        return new TestbedOptions(workDir, domains, seed, tld, detached, deleteOnClose, readyTimeout, extras, servers, value, web);
    }
}
