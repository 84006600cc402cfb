package io.mailcensus.worker.dns.records;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.xbill.DNS.TXTRecord;

/**
 * The text of a TXT record: its character-strings concatenated with nothing in between
 * (RFC 7208 3.3, RFC 7489 6.1). Read from the raw bytes, because {@code TXTRecord.getStrings()}
 * escapes quotes, backslashes and non-printable bytes.
 */
public final class TxtText {

    private TxtText() {}

    public static String of(TXTRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] string : record.getStringsAsByteArrays()) {
            out.writeBytes(string);
        }
        // Malformed UTF-8 becomes U+FFFD: the records we parse are ASCII by their grammars.
        return out.toString(StandardCharsets.UTF_8);
    }
}
