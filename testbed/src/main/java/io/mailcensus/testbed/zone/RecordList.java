package io.mailcensus.testbed.zone;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Resource records in master-file syntax, one per line, owner names absolute unless a caller
 * means otherwise. The zone's {@code $TTL} gives every record its TTL.
 */
final class RecordList {

    /** RFC 1035: a character-string holds at most 255 octets. */
    static final int MAX_STRING = 255;

    private final List<String> lines = new ArrayList<>();

    RecordList add(String owner, String type, String rdata) {
        lines.add(owner + " IN " + type + " " + rdata);
        return this;
    }

    /** A TXT record made of exactly these character-strings (each at most 255 octets). */
    RecordList txt(String owner, List<String> strings) {
        StringBuilder rdata = new StringBuilder();
        for (String s : strings) {
            if (s.getBytes(StandardCharsets.UTF_8).length > MAX_STRING) {
                throw new IllegalArgumentException("character-string longer than 255 octets: " + s);
            }
            if (!rdata.isEmpty()) {
                rdata.append(' ');
            }
            rdata.append(quote(s));
        }
        return add(owner, "TXT", rdata.toString());
    }

    /** A TXT record holding {@code text}, cut into 255-octet strings where it is longer (ASCII text). */
    RecordList txt(String owner, String text) {
        return txt(owner, chunks(text));
    }

    static List<String> chunks(String text) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += MAX_STRING) {
            parts.add(text.substring(i, Math.min(text.length(), i + MAX_STRING)));
        }
        if (parts.isEmpty()) {
            parts.add("");
        }
        return parts;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (byte octet : s.getBytes(StandardCharsets.UTF_8)) {
            int c = octet & 0xff;
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\%03d", c));
            } else {
                b.append((char) c);
            }
        }
        return b.append('"').toString();
    }

    List<String> lines() {
        return lines;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
