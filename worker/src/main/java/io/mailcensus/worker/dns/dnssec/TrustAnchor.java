package io.mailcensus.worker.dns.dnssec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The DS or DNSKEY records validation starts from, as in Unbound's {@code trust-anchor-file}
 * (zone-file syntax, owner names absolute or relative to the root). Parsed once at start-up, so
 * a bad file fails there with one line instead of turning every domain indeterminate.
 *
 * @param source where the records came from, for messages
 * @param text the file's text, handed to {@code ValidatingResolver.loadTrustAnchors}
 * @param records the DS and DNSKEY records found in it (at least one)
 */
public record TrustAnchor(String source, String text, List<Record> records) {

    private static final String IANA_RESOURCE = "iana-root-anchors.txt";

    public TrustAnchor {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("trust anchor " + source + " holds no DS or DNSKEY record");
        }
    }

    /** The IANA root anchors (KSK-2017 and KSK-2024), shipped as a resource. */
    public static TrustAnchor ianaRoot() {
        try (InputStream in = TrustAnchor.class.getResourceAsStream(IANA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + IANA_RESOURCE + " is missing");
            }
            return parse("the IANA root anchor", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a trust-anchor file; a missing, unreadable or empty file is an IllegalArgumentException. */
    public static TrustAnchor fromFile(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("trust anchor file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read trust anchor file " + file + ": " + e.getMessage());
        }
    }

    /** Parses zone-file text; errors name the source and the line. */
    public static TrustAnchor parse(String source, String text) {
        List<Record> anchors = new ArrayList<>();
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root, 0)) {
            Record r;
            while ((r = master.nextRecord()) != null) {
                if ((r.getType() == Type.DS || r.getType() == Type.DNSKEY) && r.getDClass() == DClass.IN) {
                    anchors.add(r);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("trust anchor " + source + ": " + e.getMessage());
        }
        return new TrustAnchor(source, text, anchors);
    }

    /** Whether some anchor sits at or above {@code name}: below none, nothing can be proven either way. */
    public boolean covers(Name name) {
        return records.stream().anyMatch(r -> name.subdomain(r.getName()));
    }

    /** The text as a stream, for {@code ValidatingResolver.loadTrustAnchors}. */
    public InputStream stream() {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
