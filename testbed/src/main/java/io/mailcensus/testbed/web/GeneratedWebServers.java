package io.mailcensus.testbed.web;

import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.testbed.server.ListeningSockets;
import io.mailcensus.testbed.server.ServerProcess;
import io.mailcensus.testbed.zone.ServerAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One nginx for every web address of a generated testbed ({@code servers.tsv}), in one default
 * HTTPS server: a certificate for the DNS hosts' web names and {@code *.<tld>} (so
 * {@code https://<domain>/} verifies, {@code www.} and {@code mta-sts.} names do not, as on many
 * shared hosts), {@code /.well-known/security.txt} (RFC 9116) for most host names, 404 for those
 * starting with a, b or c, and {@code /.well-known/mta-sts.txt} for the {@code mta-sts.} name of
 * every domain with an MTA-STS record, listing its MX hosts ({@code *.mailhostP.example} for a
 * provider) in mode testing. The access log names the server address of each request.
 */
public final class GeneratedWebServers {

    public static final int PORT = 443;
    static final String EXECUTABLE = "nginx";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ServerProcess process;

    private GeneratedWebServers(ServerProcess process) {
        this.process = process;
    }

    static Path dir(Path workDir) {
        return workDir.resolve("nginx");
    }

    static Path pidFile(Path workDir) {
        return workDir.resolve("run").resolve("nginx.pid");
    }

    /**
     * Writes the configuration under {@code workDir/nginx}, checks it ({@code nginx -t}), starts
     * nginx and returns once every web address listens; IOException with nothing left running
     * otherwise (an address that is taken is named).
     *
     * @param mtaStsPolicies {@code domain<TAB>mx1,mx2} lines of the generator
     */
    public static GeneratedWebServers start(Path workDir, List<ServerAddress> addresses, Path mtaStsPolicies, String tld,
            TestCa ca, boolean detached, Duration timeout) throws IOException, InterruptedException {
        Path nginx = WebTestbed.nginx().orElseThrow(() -> new IOException("nginx is not installed (Debian package nginx)"));
        Path work = workDir.toAbsolutePath().normalize();
        Instant deadline = Instant.now().plus(timeout);
        stop(work);
        List<String> ips = addresses.stream().filter(a -> a.role() == ServerAddress.Role.WEB).map(ServerAddress::ip).toList();
        if (ips.isEmpty()) {
            throw new IOException("no web address in the generated zones");
        }
        ListeningSockets.requireFree(ips, PORT, "nginx");
        Path root = dir(work);
        for (String sub : List.of("logs", "tmp", "certs")) {
            Files.createDirectories(root.resolve(sub));
        }
        Set<String> names = new LinkedHashSet<>();
        addresses.stream().filter(a -> a.role() == ServerAddress.Role.WEB).forEach(a -> names.add(a.hostName()));
        names.add("*." + tld);
        Instant now = Instant.now();
        Leaf.PemFiles pem = ca.issue("web", List.copyOf(names), now.minus(Duration.ofDays(1)), now.plus(TestCa.DEFAULT_VALIDITY))
                .write(root.resolve("certs"));
        Files.deleteIfExists(root.resolve("logs/access.log")); // counts start with this run
        Files.writeString(root.resolve("mta-sts.map"), mtaStsMap(mtaStsPolicies), StandardCharsets.US_ASCII);
        Path config = root.resolve("nginx.conf");
        Files.writeString(config, config(root, ips, pem, now.plus(180, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS)),
                StandardCharsets.US_ASCII);
        List<String> base = List.of(nginx.toString(), "-p", root + "/", "-c", config.toString(),
                "-e", root.resolve("logs/error.log").toString());
        check(base, config);
        ServerProcess process = ServerProcess.start("nginx", base, root.resolve("logs/nginx.out"), pidFile(work), detached);
        try {
            ListeningSockets.await(ips, PORT, deadline, () -> "nginx " + (process.alive() ? "runs" : "exited")
                    + "; log:\n" + process.logTail(20));
            return new GeneratedWebServers(process);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.stop(STOP_GRACE);
            throw e;
        }
    }

    static String config(Path root, List<String> ips, Leaf.PemFiles pem, Instant securityTxtExpires) {
        StringBuilder listen = new StringBuilder();
        for (String ip : ips) {
            listen.append("        listen ").append(ip).append(':').append(PORT).append(" ssl default_server;\n");
        }
        return """
                # mailcensus testbed: the web servers of the generated zones, one nginx process in the foreground
                daemon off;
                master_process off;
                worker_processes 1;
                worker_rlimit_nofile 16384;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 8192; }
                http {
                    log_format counts '$server_addr $status "$host" $request_uri $connection_requests';
                    access_log %1$s/logs/access.log counts;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server_tokens off;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    ssl_session_cache shared:tls:10m;
                    # a simple rule on the host name: about one site in eight has no security.txt
                    map $host $no_security_txt { default 0; "~^[abc]" 1; }
                    map $host $mta_sts_policy { default ""; include %1$s/mta-sts.map; }
                    server {
                %2$s        server_name _;
                        ssl_certificate %3$s;
                        ssl_certificate_key %4$s;
                        location = /.well-known/security.txt {
                            if ($no_security_txt) { return 404; }
                            default_type "text/plain; charset=utf-8";
                            return 200 "Contact: mailto:security@$host\\nExpires: %5$s\\nPreferred-Languages: de, en\\n";
                        }
                        location = /.well-known/mta-sts.txt {
                            if ($mta_sts_policy = "") { return 404; }
                            default_type text/plain;
                            return 200 $mta_sts_policy;
                        }
                        location / {
                            default_type text/html;
                            return 200 "<!DOCTYPE html><html><head><title>$host</title></head><body><h1>$host</h1></body></html>";
                        }
                    }
                }
                """.formatted(root, listen, pem.certificate(), pem.key(), securityTxtExpires);
    }

    /** An nginx map body: {@code mta-sts.<domain> "<policy>";} per line of the generator's file. */
    static String mtaStsMap(Path policies) throws IOException {
        StringBuilder map = new StringBuilder();
        for (String line : Files.readAllLines(policies, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length < 2) {
                continue;
            }
            Set<String> mx = new LinkedHashSet<>();
            for (String host : f[1].split(",")) {
                String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
                if (h.isEmpty() || h.equals("localhost") || h.startsWith("localhost.") || !h.matches("[a-z0-9.-]+")) {
                    continue;
                }
                mx.add(h.matches("mx\\d+\\.mailhost\\d+\\.example") ? "*" + h.substring(h.indexOf('.')) : h);
            }
            StringBuilder policy = new StringBuilder("version: STSv1\\nmode: testing\\n");
            mx.forEach(h -> policy.append("mx: ").append(h).append("\\n"));
            policy.append("max_age: 86400\\n");
            map.append("mta-sts.").append(f[0]).append(" \"").append(policy).append("\";\n");
        }
        return map.toString();
    }

    private static void check(List<String> base, Path config) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(base);
        argv.add("-t");
        Process test = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!test.waitFor(60, TimeUnit.SECONDS) || test.exitValue() != 0) {
            test.destroyForcibly();
            throw new IOException("nginx rejects its configuration " + config + ":\n" + output);
        }
    }

    /** HTTPS requests per server address since start-up, from the access log. */
    public static Map<String, Integer> requests(Path workDir) throws IOException {
        return count(workDir, false);
    }

    /** Connections per address that carried a request: log lines of a connection's first request. */
    public static Map<String, Integer> connections(Path workDir) throws IOException {
        return count(workDir, true);
    }

    private static Map<String, Integer> count(Path workDir, boolean firstOfConnectionOnly) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Path log = dir(workDir.toAbsolutePath().normalize()).resolve("logs/access.log");
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                int space = line.indexOf(' ');
                // the line ends in $connection_requests: 1 for the first request on a connection
                if (space > 0 && (!firstOfConnectionOnly || line.endsWith(" 1"))) {
                    counts.merge(line.substring(0, space), 1, Integer::sum);
                }
            }
        } catch (NoSuchFileException e) {
            return counts;
        }
        return counts;
    }

    public static Optional<ProcessHandle> running(Path workDir) {
        return ServerProcess.running(pidFile(workDir.toAbsolutePath().normalize()), EXECUTABLE);
    }

    public static boolean stop(Path workDir) throws IOException {
        return ServerProcess.stop(pidFile(workDir.toAbsolutePath().normalize()), EXECUTABLE, STOP_GRACE);
    }

    public void close() throws IOException {
        process.stop(STOP_GRACE);
    }
}
