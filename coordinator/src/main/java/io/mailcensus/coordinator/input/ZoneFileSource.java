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
 * reported with its line and skipped; {@code $INCLUDE} is followed only into {@code --zone-include-dir}
 * (else reported the same way, never opened).
 */
public final class ZoneFileSource implements NameSource {

    /** Include files within includes: a file that includes itself stops here. */
    static final int MAX_INCLUDE_DEPTH = 8;

    private final Path file;
    private final Name origin;
    private final Path includeDir;
    private final int depth;

    /** @param origin the zone's name, or null to take it from the file's {@code $ORIGIN}/SOA */
    public ZoneFileSource(Path file, Name origin) {
        this(file, origin, null);
    }

    /**
     * @param includeDir the directory whose files an {@code $INCLUDE} may name ({@code --zone-include-dir});
     *     null: every {@code $INCLUDE} is refused (a zone must not make the scanner read /etc/passwd)
     */
    public ZoneFileSource(Path file, Name origin, Path includeDir) {
        this(file, origin, includeDir, 0);
    }

    private ZoneFileSource(Path file, Name origin, Path includeDir, int depth) {
        this.file = file;
        this.origin = origin;
        this.includeDir = includeDir;
        this.depth = depth;
    }

    @Override
    public void forEach(Consumer<String> sink) throws IOException {
        forEach(sink, unreadable -> { });
    }

    @Override
    public void forEach(Consumer<String> sink, Consumer<Unreadable> unreadable) throws IOException {
        try (ZoneLines lines = new ZoneLines(Files.newInputStream(file), unreadable,
                (line, included, originText) -> include(line, included, originText, sink, unreadable))) {
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
                    if (lines.served() < firstLine) {
                        throw new IOException(file + ": the zone parser failed without reading a line: " + e.getMessage(), e);
                    }
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

    /**
     * An {@code $INCLUDE}: read (its delegations go to the same sink) only when it names a file
     * inside {@link #includeDir}, after links are followed; otherwise reported, never opened.
     */
    private void include(long line, String included, String originText, Consumer<String> sink,
            Consumer<Unreadable> unreadable) throws IOException {
        Path target = includeDir == null ? null : resolveInside(includeDir, included);
        if (target == null || depth >= MAX_INCLUDE_DEPTH) {
            unreadable.accept(new Unreadable(line, Rejection.INCLUDE, depth >= MAX_INCLUDE_DEPTH
                    ? "$INCLUDE nested deeper than " + MAX_INCLUDE_DEPTH : "$INCLUDE (not in --zone-include-dir)"));
            return;
        }
        Name includedOrigin = origin;
        if (originText != null) {
            includedOrigin = Name.fromString(originText, origin == null ? Name.root : origin);
        }
        new ZoneFileSource(target, includedOrigin, includeDir, depth + 1).forEach(sink, bad ->
                unreadable.accept(new Unreadable(line, bad.reason(), target.getFileName() + ":" + bad.line() + ": "
                        + bad.excerpt())));
    }

    /** {@code name} resolved in {@code dir}, or null when it is not a readable file inside it. */
    private static Path resolveInside(Path dir, String name) {
        try {
            Path root = dir.toRealPath();
            Path target = root.resolve(name).toRealPath();
            return target.startsWith(root) && Files.isRegularFile(target) ? target : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
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
