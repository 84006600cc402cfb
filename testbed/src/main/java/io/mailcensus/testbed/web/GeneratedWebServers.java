package io.mailcensus.testbed.web;

import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.testbed.server.ListeningSockets;
import io.mailcensus.testbed.server.ServerProcess;
import io.mailcensus.testbed.zone.Infrastructure;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One nginx for every web address of a generated testbed ({@code servers.tsv}), in one default
 * HTTPS server. Certificates are chosen by SNI: every domain of the list has its name,
 * {@code www.} and {@code mta-sts.} names on a certificate shared with up to
 * {@value #DOMAINS_PER_CERTIFICATE} other domains (as shared hosts issue them), except that the
 * {@code mta-sts.} name is missing for domains starting with {@code p} (a policy host the site's
 * certificate forgot, a common misconfiguration); other names get the default certificate for the
 * DNS hosts' web names and {@code *.<tld>} (a wildcard right under a TLD, which no CA issues and
 * no checker should accept). {@code /.well-known/security.txt} (RFC 9116) for most host names, 404
 * for those starting with a, b or c, an HTML "soft 404" page with status 200 for those starting
 * with d; and {@code /.well-known/mta-sts.txt} for the {@code mta-sts.} name of every domain with an
 * MTA-STS record, listing its MX hosts ({@code *.mailhostP.example} for a provider) in mode
 * testing. The access log names the server address of each request.
 */
public final class GeneratedWebServers {

    public static final int PORT = 443;
    /** How many domains share one site certificate. */
    static final int DOMAINS_PER_CERTIFICATE = 100;
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
     * @param rateLimitPerSecond above zero: the busiest web address but the parking one answers
     *     429 with {@code Retry-After: 1} above this many requests a second ({@link #rateLimited})
     */
    public static GeneratedWebServers start(Path workDir, List<ServerAddress> addresses, Path domains, Path mtaStsPolicies,
            String tld, TestCa ca, int rateLimitPerSecond, boolean detached, Duration timeout)
            throws IOException, InterruptedException {
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
        SiteCertificates.write(root.resolve("certs"), Files.readAllLines(domains, StandardCharsets.US_ASCII), ca, now,
                DOMAINS_PER_CERTIFICATE, root.resolve("site-certificates.map"), root.resolve("site-keys.map"));
        Path config = root.resolve("nginx.conf");
        RateLimit limit = rateLimitPerSecond > 0
                ? new RateLimit(rateLimited(addresses), rateLimitPerSecond) : null;
        Files.writeString(config, config(root, ips, limit, pem, now.plus(180, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS)),
                StandardCharsets.US_ASCII);
        Files.writeString(root.resolve("rate-limited.txt"), limit == null ? "" : limit.ip() + " " + limit.perSecond() + "\n",
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

    /** One web address that answers 429 above {@code perSecond} requests a second. */
    record RateLimit(String ip, int perSecond) {}

    /** The web address with the most sites, the parking address aside: the one a scan meets most. */
    static String rateLimited(List<ServerAddress> addresses) throws IOException {
        return addresses.stream()
                .filter(a -> a.role() == ServerAddress.Role.WEB && a.listens() && !a.ip().equals(Infrastructure.PARKING_ADDRESS))
                .max(Comparator.comparingInt(ServerAddress::users).thenComparing(ServerAddress::ip))
                .map(ServerAddress::ip)
                .orElseThrow(() -> new IOException("no web address to rate-limit"));
    }

    static String config(Path root, List<String> ips, Leaf.PemFiles pem, Instant securityTxtExpires) {
        return config(root, ips, null, pem, securityTxtExpires);
    }

    static String config(Path root, List<String> ips, RateLimit limit, Leaf.PemFiles pem, Instant securityTxtExpires) {
        StringBuilder listen = new StringBuilder();
        for (String ip : ips) {
            if (limit != null && limit.ip().equals(ip)) {
                continue; // served by the rate-limited server below
            }
            listen.append("        listen ").append(ip).append(':').append(PORT).append(" ssl default_server;\n");
        }
        String limitHttp = "";
        String limitServer = "";
        if (limit != null) {
            // limit_req acts after the rewrite phase, where the main server's "return" answers: so
            // the rate-limited address proxies to the main server over a Unix socket, which answers
            // exactly as for any other address, and limits before that.
            listen.append("        listen unix:").append(root).append("/tmp/web.sock;\n");
            limitHttp = """
                    # one web server that rate-limits: 429 and Retry-After above %1$d requests a second
                    # (bursts of as many allowed, as a real limiter does)
                    limit_req_zone $server_addr zone=limited:1m rate=%1$dr/s;
                    limit_req_status 429;
                """.formatted(limit.perSecond());
            limitServer = """
                    server {
                        listen %1$s:%2$d ssl default_server;
                        server_name _;
                        ssl_certificate $site_certificate;
                        ssl_certificate_key $site_key;
                        error_page 429 = @limited;
                        location @limited { add_header Retry-After 1 always; return 429; }
                        location / {
                            limit_req zone=limited burst=%6$d nodelay;
                            proxy_set_header Host $host;
                            proxy_pass http://unix:%5$s/tmp/web.sock;
                        }
                    }
                """.formatted(limit.ip(), PORT, pem.certificate(), pem.key(), root, limit.perSecond());
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
                    # before the first map: room for three names per domain in the certificate maps
                    map_hash_max_size 1048576;
                    map_hash_bucket_size 256;
                    log_format counts '$server_addr $msec $status "$host" $request_uri $connection_time $connection_requests';
                    # the rate-limited server's hop to the main one is not a request of the scan's
                    map $server_addr $counted { "unix:" 0; default 1; }
                    access_log %1$s/logs/access.log counts if=$counted;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server_tokens off;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    ssl_session_cache shared:tls:10m;
                    # a simple rule on the host name: about one site in eight has no security.txt,
                    # about one in twenty answers with an HTML page (a "soft 404")
                    map $host $no_security_txt { default 0; "~^[abc]" 1; }
                    map $host $soft_404_security_txt { default 0; "~^d" 1; }
                    # the certificate by SNI (site-certificates.map, written with the certificates);
                    # nginx reads the file at each handshake
                    map $ssl_server_name $site_certificate { default %3$s; include %1$s/site-certificates.map; }
                    map $ssl_server_name $site_key { default %4$s; include %1$s/site-keys.map; }
                    map $host $mta_sts_policy { default ""; include %1$s/mta-sts.map; }
                %6$s%7$s
                    server {
                %2$s        server_name _;
                        ssl_certificate $site_certificate;
                        ssl_certificate_key $site_key;
                        location = /.well-known/security.txt {
                            if ($no_security_txt) { return 404; }
                            if ($soft_404_security_txt) { rewrite ^ /not-found last; }
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
                """.formatted(root, listen, pem.certificate(), pem.key(), securityTxtExpires, limitHttp, limitServer);
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
