package io.mailcensus.launcher;

import io.mailcensus.store.ChdbStore;
import io.mailcensus.store.http.ClickHouseHttpServer;
import io.mailcensus.store.http.ClickHouseHttpServer.Credentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the store over ClickHouse's HTTP interface, for Grafana's ClickHouse data source,"
                + " clickhouse-jdbc or curl, until Ctrl-C. Tables are in the database 'default' as seen by clients."
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

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address = parseListen(listen);
        Credentials credentials = credentials();
        if (!Files.isDirectory(store.data)) {
            throw new UserException("no store at " + store.data + " (run a scan first, or give --data DIR)");
        }
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (ChdbStore chdb = ChdbStore.open(store.data)) {
            chdb.migrate();
            try (ClickHouseHttpServer server = ClickHouseHttpServer.start(chdb, address, credentials)) {
                // Ctrl-C: stop serving, then let this thread close the store before the JVM halts.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stopping.countDown();
                    try {
                        closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "serve-shutdown"));
                System.err.printf("mailcensus: serving %s on http://%s:%d/ (ClickHouse HTTP%s); Ctrl-C stops%n",
                        store.data, address.getHostString(), server.port(),
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
}
