package io.mailcensus.coordinator.input;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The domains of a TLD zone file (RFC 1035 master format): the owners of NS records below the
 * apex, i.e. the delegations. Records are streamed by dnsjava's master-file parser; a TLD
 * zone lists each delegation's NS records together, so consecutive repeats are skipped here
 * and the coordinator's de-duplication catches the rest.
 */
public final class ZoneFileSource implements NameSource {

    private final Path file;
    private final Name origin;

    /** @param origin the zone's name, or null to take it from the file's {@code $ORIGIN}/SOA */
    public ZoneFileSource(Path file, Name origin) {
        this.file = file;
        this.origin = origin;
    }

    @Override
    public void forEach(Consumer<String> sink) throws IOException {
        try (Master master = origin != null ? new Master(file.toString(), origin) : new Master(file.toString())) {
            Name apex = origin;
            Name last = null;
            Record rec;
            while ((rec = master.nextRecord()) != null) {
                if (rec.getType() == Type.SOA && apex == null) {
                    apex = rec.getName();
                    continue;
                }
                if (rec.getType() != Type.NS) {
                    continue;
                }
                Name owner = rec.getName();
                if (owner.equals(apex) || owner.equals(last) || (apex == null && owner.labels() <= 2)) {
                    continue;
                }
                last = owner;
                sink.accept(owner.toString(true));
            }
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "zone " + file;
    }
}
