package io.mailcensus.worker.smtp;

import io.mailcensus.core.name.IpText;
import io.mailcensus.schemas.MxProbeTask;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One mail server to probe: an MX host name, one of its addresses, and the SMTP port. Built once
 * from the MX answer (or from the {@link MxProbeTask} that carried it between processes), then
 * carried to the probe and into its result: the name is normalised, the address parsed and the
 * port chosen in one place. It is also the round's key: each (host, IP) pair is probed once per
 * round. The name is part of the key because the TLS check sends it as SNI and matches the
 * certificate against it; the address alone keys the politeness gate.
 *
 * @param host lower case A-label without the root dot
 * @param ip the address; every result writes it as {@link #ipText()}
 */
public record MailServerTarget(String host, InetAddress ip, int port) {

    public MailServerTarget {
        Objects.requireNonNull(ip, "ip");
        host = hostName(Objects.requireNonNull(host, "host"));
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** The target a task names. @throws IllegalArgumentException if its IP is not an address literal */
    public static MailServerTarget of(MxProbeTask task) {
        return new MailServerTarget(task.getHost(), IpText.parse(task.getIp()), task.getPort());
    }

    /** An MX host name as targets hold it: lower case, no root dot; "" for the null MX ("."). */
    public static String hostName(String name) {
        String h = name.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The address in RFC 5952 text, as the MX data writes it: the report joins the two on it. */
    public String ipText() {
        return IpText.of(ip);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(ip, port);
    }

    /** This target as a task of round {@code scanId}: how it travels between processes. */
    public MxProbeTask toTask(String scanId, Instant enqueuedAt) {
        return MxProbeTask.newBuilder()
                .setScanId(scanId)
                .setHost(host)
                .setIp(ipText())
                .setPort(port)
                .setEnqueuedAt(enqueuedAt)
                .build();
    }
}
