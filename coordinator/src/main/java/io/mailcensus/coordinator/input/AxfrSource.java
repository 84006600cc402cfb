package io.mailcensus.coordinator.input;

import io.mailcensus.core.net.ServerAddress;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * The domains of a zone fetched by AXFR (RFC 5936), optionally signed with TSIG: the owners of
 * NS records below the apex, as {@link ZoneFileSource} takes them from a file.
 *
 * <p>Records are consumed as they arrive and never held together. {@link #forEach} first
 * spools the delegated names to a temporary file and only then hands them out: the consumer
 * (the scan queue) blocks for hours on a TLD, and a transfer held open that long would be cut
 * by the server. {@link #transfer} streams straight through, for consumers that keep up.
 *
 * <p>Malformed names in the zone are passed on as they are (in presentation form, escapes
 * included) so the coordinator's {@link NameFilter} counts and reports them; only a failed
 * transfer is fatal, with one clear line: refused, a rejected TSIG key, a timeout.
 */
public final class AxfrSource implements NameSource {

    public static final int DEFAULT_PORT = 53;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final InetSocketAddress server;
    private final Name zone;
    private final TsigSpec tsig;
    private final Duration timeout;
    private final Path spoolDir;

    /**
     * @param tsig the key, or null for an unsigned transfer
     * @param timeout how long one read from the server may take (not the whole transfer)
     * @param spoolDir where {@link #forEach} spools the names (a TLD: ~40 MB), e.g. java.io.tmpdir
     */
    public AxfrSource(InetSocketAddress server, Name zone, TsigSpec tsig, Duration timeout, Path spoolDir) {
        if (!zone.isAbsolute()) {
            throw new IllegalArgumentException("zone name must be absolute: " + zone);
        }
        this.server = server;
        this.zone = zone;
        this.tsig = tsig;
        this.timeout = timeout;
        this.spoolDir = spoolDir;
    }

    /**
     * From command-line strings: {@code HOST[:PORT]} (IPv6 as {@code [V6]:PORT}), a zone name
     * ({@code ch} or {@code ch.}) and an optional {@code ALG:NAME:BASE64SECRET}.
     *
     * @throws IllegalArgumentException one line saying which part is wrong
     */
    public static AxfrSource of(String serverSpec, String zoneName, String tsigSpec) {
        if (zoneName == null || zoneName.isBlank()) {
            throw new IllegalArgumentException("--axfr needs --zone-name, e.g. --zone-name ch.");
        }
        Name zone;
        try {
            zone = Name.fromString(zoneName.strip(), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("zone name '" + zoneName + "': " + e.getMessage());
        }
        return new AxfrSource(ServerAddress.parse("server", serverSpec, DEFAULT_PORT), zone,
                tsigSpec == null ? null : TsigSpec.parse(tsigSpec), DEFAULT_TIMEOUT,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Transfers the whole zone first, then calls {@code sink} for every delegated name. */
    @Override
    public void forEach(Consumer<String> sink) throws IOException {
        Path spool = Files.createTempFile(spoolDir, "axfr-", ".names");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
                transfer(name -> {
                    try {
                        w.write(name);
                        w.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw new IOException("cannot spool the AXFR of " + zone + " to " + spool + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
            try (BufferedReader r = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /**
     * Runs the transfer and calls {@code names} for each delegated name as its records arrive.
     * The consumer runs on the transfer's thread: a slow one stalls the server's connection.
     *
     * @return what was received
     * @throws IOException one line: refused, TSIG rejected, timed out, connection lost
     */
    public TransferStats transfer(Consumer<String> names) throws IOException {
        DelegationCollector collector = new DelegationCollector(zone, names);
        ZoneTransferIn xfr = ZoneTransferIn.newAXFR(zone, server, tsig == null ? null : tsig.toTsig());
        xfr.setTimeout(timeout);
        try {
            xfr.run(collector);
        } catch (ZoneTransferException e) {
            throw new IOException(explain(e.getMessage()), e);
        } catch (SocketTimeoutException e) {
            throw new IOException(what() + ": timed out (no data for " + timeout.toSeconds() + " s after "
                    + collector.records() + " records)", e);
        } catch (ConnectException e) {
            throw new IOException(what() + ": cannot connect (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new IOException(what() + ": the server closed the connection after " + collector.records()
                    + " records (transfer incomplete)", e);
        } catch (IOException e) {
            throw new IOException(what() + ": " + e, e);
        }
        return new TransferStats(collector.records(), collector.delegations());
    }

    /** Records received and delegated names passed on by one transfer. */
    public record TransferStats(long records, long delegations) {}

    /** The server's refusals, in words a user can act on. */
    private String explain(String failure) {
        String keyHint = tsig == null
                ? "the server wants a TSIG key (--tsig ALG:NAME:SECRET) or does not allow this address"
                : "the server does not allow key " + tsig.keyName().toString(true) + " or this address";
        return what() + ": " + switch (failure) {
            case "REFUSED" -> "refused (REFUSED): " + keyHint;
            case "NOTAUTH" -> tsig == null
                    ? "not authorised (NOTAUTH): the server wants a TSIG key (--tsig ALG:NAME:SECRET) or does not serve "
                            + zone
                    : "TSIG key rejected (NOTAUTH): wrong key name, algorithm or secret for "
                            + tsig.keyName().toString(true);
            case "NOTIMP" -> "the server does not do zone transfers (NOTIMP)";
            case "SERVFAIL" -> "the server failed (SERVFAIL): is it authoritative for " + zone + "?";
            default -> failure.startsWith("TSIG failure")
                    ? "the answer failed TSIG verification (" + failure.substring("TSIG failure: ".length())
                            + "): wrong secret for key " + (tsig == null ? "?" : tsig.keyName().toString(true))
                    : failure;
        };
    }

    private String what() {
        return "AXFR of " + zone + " from " + ServerAddress.format(server);
    }

    @Override
    public String describe() {
        return "axfr " + zone + " from " + ServerAddress.format(server)
                + (tsig == null ? "" : " (TSIG " + tsig.keyName().toString(true) + ")");
    }

    /** Keeps the NS owners strictly below the apex, each once when its NS records are adjacent. */
    private static final class DelegationCollector implements ZoneTransferIn.ZoneTransferHandler {

        private final Name apex;
        private final Consumer<String> names;
        private Name last;
        private long records;
        private long delegations;

        DelegationCollector(Name apex, Consumer<String> names) {
            this.apex = apex;
            this.names = names;
        }

        @Override
        public void startAXFR() {}

        @Override
        public void startIXFR() throws ZoneTransferException {
            throw new ZoneTransferException("the server answered AXFR with IXFR");
        }

        @Override
        public void startIXFRDeletes(Record soa) {}

        @Override
        public void startIXFRAdds(Record soa) {}

        @Override
        public void handleRecord(Record r) {
            records++;
            if (r.getType() != Type.NS) {
                return;
            }
            Name owner = r.getName();
            if (owner.equals(apex) || owner.equals(last) || !owner.subdomain(apex)) {
                return;
            }
            last = owner;
            delegations++;
            names.accept(owner.toString(true));
        }

        long records() {
            return records;
        }

        long delegations() {
            return delegations;
        }
    }
}
