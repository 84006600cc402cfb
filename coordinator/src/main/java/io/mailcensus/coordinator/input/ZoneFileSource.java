package io.mailcensus.coordinator.input;

import io.mailcensus.core.name.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The domains of a TLD zone file (RFC 1035 master format): the owners of NS records below the
 * apex, i.e. the delegations. Records are streamed by dnsjava's master-file parser; a TLD
 * zone lists each delegation's NS records together, so consecutive repeats are skipped here
 * and the coordinator's de-duplication catches the rest. A record that does not parse is
 * reported with its line and skipped; {@code $INCLUDE} is never followed (reported the same way).
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
        forEach(sink, unreadable -> { });
    }

    @Override
    public void forEach(Consumer<String> sink, Consumer<Unreadable> unreadable) throws IOException {
        try (ZoneLines lines = new ZoneLines(Files.newInputStream(file), unreadable)) {
            Name apex = origin;
            Name currentOrigin = origin;
            long ttl = -1;
            Name last = null;
            while (true) {
                long firstLine = lines.served() + 1;
                // A fresh parser for the rest of the file, where the last one gave up.
                Master master = new Master(lines.view(), currentOrigin, ttl);
                master.disableIncludes(true); // ZoneLines already drops them: never open another file
                try {
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
                    return;
                } catch (TextParseException e) {
                    long at = badLine(e, firstLine, lines.served());
                    unreadable.accept(new Unreadable(at, Rejection.BAD_RECORD, detail(e)));
                    for (long swallowed = at + 1; swallowed <= lines.served(); swallowed++) {
                        unreadable.accept(new Unreadable(swallowed, Rejection.BAD_RECORD, "read past by the parser"));
                    }
                    currentOrigin = lines.origin() == null ? currentOrigin : Name.fromString(lines.origin(), currentOrigin);
                    ttl = lines.ttl() == null ? ttl : ttl(lines.ttl(), ttl);
                } finally {
                    master.close();
                }
            }
        }
    }

    private static final Pattern LINE = Pattern.compile(":(\\d+): ");

    /** The file line of the parser's error (its lines count from the view's first line). */
    private static long badLine(TextParseException e, long firstLine, long served) {
        Matcher m = LINE.matcher(String.valueOf(e.getMessage()));
        long at = m.find() ? firstLine - 1 + Long.parseLong(m.group(1)) : served;
        return Math.max(firstLine, Math.min(at, served));
    }

    private static String detail(TextParseException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = LINE.matcher(message);
        String d = m.find() ? message.substring(m.end()) : message;
        return d.length() > 60 ? d.substring(0, 60) : d;
    }

    private static long ttl(String text, long otherwise) {
        try {
            return org.xbill.DNS.TTL.parseTTL(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    @Override
    public String describe() {
        return "zone " + file;
    }
}
