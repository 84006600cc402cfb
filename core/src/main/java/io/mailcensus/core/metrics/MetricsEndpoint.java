package io.mailcensus.core.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves {@code GET /metrics} in the Prometheus text format, on loopback unless told otherwise:
 * metrics name the resolvers and stores a deployment uses, so exposing them is a decision
 * ({@code --metrics 0.0.0.0:9400} in a container, where the scraper is on another host).
 *
 * <p>The JDK's HTTP server, because a scrape every 15 s needs nothing more. Its threads are
 * daemons: an endpoint left open never keeps a finished scan's process alive.
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** The host of {@code --metrics :PORT}: loopback. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port the deployment files use for every role. */
    public static final int DEFAULT_PORT = 9400;

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts; port 0 picks a free port (see {@link #address()}). */
    public static MetricsEndpoint start(Metrics metrics, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        server.createContext("/", exchange -> answer(exchange, metrics));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        startOnDaemonThread(server);
        return new MetricsEndpoint(server, executor);
    }

    /** {@code HOST:PORT}, {@code [IPv6]:PORT}, {@code :PORT} or {@code PORT}; the host defaults to loopback. */
    public static InetSocketAddress parseAddress(String spec) {
        String s = spec.strip();
        int colon = s.lastIndexOf(':');
        String host = colon < 0 ? "" : s.substring(0, colon);
        String port = colon < 0 ? s : s.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 address needs brackets: [" + host + "]:PORT, not " + spec);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not HOST:PORT: " + spec);
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range: " + spec);
        }
        // an address literal or a name of the local machine (e.g. a container's own host name)
        return new InetSocketAddress(host.isEmpty() ? DEFAULT_HOST : host, p);
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The scrape URL, e.g. {@code http://127.0.0.1:9400/metrics}. */
    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/metrics");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private static void answer(HttpExchange exchange, Metrics metrics) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                send(exchange, 404, "only /metrics is served here\n", method);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "GET or HEAD\n", method);
            } else {
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                send(exchange, 200, metrics.scrape(), method);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String method) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The server's dispatcher thread inherits daemon status from the thread that starts it. */
    private static void startOnDaemonThread(HttpServer server) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread starter = Thread.ofPlatform().daemon(true).name("metrics-endpoint-start").start(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new UncheckedIOException(new IOException("interrupted while starting the metrics endpoint"));
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
