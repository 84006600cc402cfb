package io.mailcensus.testbed;

import io.mailcensus.testbed.mail.GeneratedMailServers;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.testbed.web.GeneratedWebServers;
import io.mailcensus.testbed.zone.GeneratedZones;
import io.mailcensus.testbed.zone.ServerAddress;
import io.mailcensus.testbed.zone.WebShape;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mail and web servers of a generated testbed ({@code --servers yes}): one Postfix on every
 * listening MX address and one nginx on every web address of {@code servers.tsv}, with
 * certificates from a test CA made at start-up and written to {@code pki/ca.pem}, so a scanner
 * can trust it.
 */
public final class TestbedServers implements AutoCloseable {

    static final String POSTFIX = "postfix";
    static final String NGINX = "nginx";

    private final GeneratedMailServers mail;
    private final GeneratedWebServers web;

    private TestbedServers(GeneratedMailServers mail, GeneratedWebServers web) {
        this.mail = mail;
        this.web = web;
    }

    static TestbedServers start(Path workDir, GeneratedZones zones, WebShape web, boolean detached, Duration timeout)
            throws IOException, InterruptedException {
        List<ServerAddress> addresses = ServerAddress.read(zones.layout().serverAddressesFile());
        TestCa ca = TestCa.create("mailcensus testbed CA");
        ca.writeCa(pkiDir(workDir));
        GeneratedMailServers mail = GeneratedMailServers.start(workDir, addresses, ca, detached, timeout);
        try {
            return new TestbedServers(mail, GeneratedWebServers.start(workDir, addresses,
                    zones.layout().domainsFile(), zones.layout().mtaStsPoliciesFile(), zones.tld(), ca, web.rateLimitPerSecond(), detached, timeout));
        } catch (IOException | InterruptedException | RuntimeException e) {
            mail.close();
            throw e;
        }
    }

    static Path pkiDir(Path workDir) {
        return workDir.resolve("pki");
    }

    /** The CA every testbed server certificate chains to. */
    public static Path caFile(Path workDir) {
        return pkiDir(workDir).resolve("ca.pem");
    }

    /** SMTP connections per address since start-up, from the Postfix log. */
    public static Map<String, Integer> smtpConnections(Path workDir) throws IOException {
        return GeneratedMailServers.connections(workDir);
    }

    /** HTTPS requests per address since start-up, from the nginx access log. */
    public static Map<String, Integer> httpsRequests(Path workDir) throws IOException {
        return GeneratedWebServers.requests(workDir);
    }

    /** HTTPS connections that carried a request, per address, from nginx's access log. */
    public static Map<String, Integer> httpsConnections(Path workDir) throws IOException {
        return GeneratedWebServers.connections(workDir);
    }

    static boolean stopAll(Path workDir) throws IOException {
        boolean any = GeneratedWebServers.stop(workDir);
        any |= GeneratedMailServers.stop(workDir);
        return any;
    }

    static Map<String, Optional<ProcessHandle>> status(Path workDir) {
        Map<String, Optional<ProcessHandle>> status = new LinkedHashMap<>();
        status.put(POSTFIX, GeneratedMailServers.running(workDir));
        status.put(NGINX, GeneratedWebServers.running(workDir));
        return status;
    }

    @Override
    public void close() throws IOException {
        try {
            web.close();
        } finally {
            mail.close();
        }
    }
}
