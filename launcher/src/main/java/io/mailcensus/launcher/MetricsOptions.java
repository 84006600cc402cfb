package io.mailcensus.launcher;

import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.metrics.MetricsEndpoint;
import java.io.IOException;
import picocli.CommandLine.Option;

/** {@code --metrics HOST:PORT}: serve this process's meters for Prometheus at /metrics. */
final class MetricsOptions {

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "serve Prometheus metrics at http://HOST:PORT/metrics (e.g. 127.0.0.1:9400; 0.0.0.0:9400 in a container)")
    String listen;

    /** The process's registry, with its endpoint started, or a no-op registry without --metrics. */
    Metrics start() {
        if (listen == null) {
            return Metrics.none();
        }
        Metrics metrics = Metrics.forProcess();
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(metrics, MetricsEndpoint.parseAddress(listen));
            System.err.println("metrics at " + endpoint.uri());
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException("--metrics " + listen + ": " + e.getMessage());
        }
        return metrics;
    }
}
