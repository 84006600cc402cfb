package io.mailcensus.launcher;

import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.http.ClickHouseHttpServer;
import io.mailcensus.store.http.ClickHouseHttpServer.Credentials;
import io.mailcensus.store.http.ServeOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the store over ClickHouse's HTTP interface, for Grafana's ClickHouse data source,"
                + " clickhouse-jdbc or curl, until Ctrl-C. Tables are in the database 'default' as seen by clients."
                + " Read-only unless --allow-writes: only SELECT, WITH, SHOW, DESCRIBE, EXPLAIN and EXISTS run, under"
                + " the engine's readonly mode and the limits below, which clients cannot lift; nothing that reaches"
                + " files, the network or other databases (file(), url(), INTO OUTFILE, ...) runs in any mode;"
                + " requests from web pages of other origins, or naming another Host, are refused."
                + " Set MAILCENSUS_SERVE_USER and MAILCENSUS_SERVE_PASSWORD (or --password-file) to require a login.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8123",
            description = "address to listen on (default: ${DEFAULT-VALUE}; anything but loopback exposes the data)")
    String listen;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "a file whose first line is USER:PASSWORD that clients must send (HTTP basic auth)")
    Path passwordFile;

    @Option(names = "--allow-writes",
            description = "also run INSERT, CREATE, ALTER, DROP ... (POST only): for the aggregator's JDBC path,"
                    + " never for dashboards")
    boolean allowWrites;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "a host name clients may use in Host besides the listen address and localhost"
                    + " (repeatable; others are refused against DNS rebinding)")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--max-execution-time", paramLabel = "DURATION", defaultValue = "60s",
            description = "each query's time limit, whole seconds (default: ${DEFAULT-VALUE})")
    String maxExecutionTime;

    @Option(names = "--max-memory-usage", paramLabel = "BYTES", defaultValue = "4G",
            description = "each query's memory limit, e.g. 512M, 4G (default: ${DEFAULT-VALUE})")
    String maxMemoryUsage;

    @Option(names = "--max-body-size", paramLabel = "BYTES", defaultValue = "16M",
            description = "the most of a request body held in memory; an INSERT's data is streamed (default: ${DEFAULT-VALUE})")
    String maxBodySize;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_READ_SESSIONS,
            description = "queries run at once; more wait up to 10 s, then get a 503 (default: ${DEFAULT-VALUE})")
    int sessions;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address = parseListen(listen);
        Credentials credentials = credentials();
        Duration timeLimit = ProbeOptions.duration(maxExecutionTime);
        if (timeLimit.toSeconds() < 1) {
            throw new UserException("--max-execution-time must be at least 1s, not " + maxExecutionTime);
        }
        if (sessions < 1 || sessions > 64) {
            throw new UserException("--sessions must be 1..64, not " + sessions);
        }
        ServeOptions options = ServeOptions.readOnly(address).withCredentials(credentials).withWrites(allowWrites)
                .withAllowedHosts(Set.copyOf(allowedHosts))
                .withLimits(bytes("--max-body-size", maxBodySize), timeLimit, bytes("--max-memory-usage", maxMemoryUsage))
                .withSessions(sessions, ServeOptions.DEFAULT_SESSION_WAIT);
        requireStore(store.data, allowWrites);
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (ChdbStore chdb = ChdbStore.open(store.data)) {
            chdb.migrate();
            try (ClickHouseHttpServer server = ClickHouseHttpServer.start(chdb, options)) {
                // Ctrl-C: stop serving, then let this thread close the store before the JVM halts.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stopping.countDown();
                    try {
                        closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "serve-shutdown"));
                System.err.printf("mailcensus: serving %s on http://%s:%d/ (ClickHouse HTTP, %s%s); Ctrl-C stops%n",
                        store.data, address.getHostString(), server.port(),
                        allowWrites ? "writes allowed" : "read-only",
                        credentials.equals(Credentials.NONE) ? ", no login" : ", login required");
                stopping.await();
            }
        } finally {
            closed.countDown();
        }
        return 0;
    }

    static InetSocketAddress parseListen(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new UserException("--listen wants HOST:PORT, e.g. 127.0.0.1:8123, not " + listen);
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|]$", "");
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new UserException("--listen: not a port in " + listen);
        }
    }

    /** A size such as 16M, 4G, 65536 (K, M, G are powers of 1024). */
    static long bytes(String option, String text) {
        Matcher m = Pattern.compile("(?i)\\s*(\\d+)\\s*([KMG]?)i?B?\\s*").matcher(text);
        if (!m.matches()) {
            throw new UserException(option + " wants a size such as 16M or 4G, not " + text);
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        long value = Long.parseLong(m.group(1));
        if (value <= 0 || value > (Long.MAX_VALUE >> shift)) {
            throw new UserException(option + " must be a positive size, not " + text);
        }
        return value << shift;
    }

    /** From the password file, else the environment; never from the command line (ps shows it). */
    private Credentials credentials() throws IOException {
        if (passwordFile != null) {
            String line = Files.readAllLines(passwordFile).stream().findFirst().orElse("").strip();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new UserException(passwordFile + ": the first line must be USER:PASSWORD");
            }
            return new Credentials(line.substring(0, colon), line.substring(colon + 1));
        }
        String user = System.getenv("MAILCENSUS_SERVE_USER");
        String password = System.getenv("MAILCENSUS_SERVE_PASSWORD");
        if (user != null && !user.isEmpty()) {
            return new Credentials(user, password == null ? "" : password);
        }
        return Credentials.NONE;
    }

    /**
     * A read-only server needs a store that exists; with --allow-writes (the aggregator's stand-in
     * for a ClickHouse server, started before anything was written) a missing one is created.
     */
    static void requireStore(java.nio.file.Path data, boolean allowWrites) {
        if (allowWrites && !Files.exists(data)) {
            try {
                Files.createDirectories(data);
            } catch (java.io.IOException e) {
                throw new UserException("cannot create the store " + data + ": " + e.getMessage());
            }
        }
        if (!Files.isDirectory(data)) {
            throw new UserException("no store at " + data + " (run a scan first, or give --data DIR)");
        }
    }
}
