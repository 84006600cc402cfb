package io.mailcensus.worker.tls;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One TLSA record (RFC 6698 2.1): certificate usage, selector, matching type and the
 * association data. Values outside the registered ranges are kept, so the matcher can call
 * them unusable (RFC 7671 4.1) rather than the parser dropping them silently.
 */
public record TlsaRecord(int usage, int selector, int matchingType, byte[] data) {

    public static final int PKIX_TA = 0;
    public static final int PKIX_EE = 1;
    public static final int DANE_TA = 2;
    public static final int DANE_EE = 3;

    public static final int SELECTOR_CERT = 0;
    public static final int SELECTOR_SPKI = 1;

    public static final int FULL = 0;
    public static final int SHA2_256 = 1;
    public static final int SHA2_512 = 2;

    public TlsaRecord {
        checkOctet("usage", usage);
        checkOctet("selector", selector);
        checkOctet("matching type", matchingType);
        data = data.clone();
    }

    /** Parses the presentation form {@code "3 1 1 0a1b..."}; the hex may be split by spaces. */
    public static TlsaRecord parse(String text) {
        String[] fields = text.trim().split("\\s+", 4);
        if (fields.length < 4) {
            throw new IllegalArgumentException("TLSA needs usage, selector, matching type and data: " + text);
        }
        byte[] data = HexFormat.of().parseHex(fields[3].replaceAll("\\s+", ""));
        return new TlsaRecord(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
                Integer.parseInt(fields[2]), data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The presentation form, as stored in {@code MailServerResult.tlsa}. */
    public String presentation() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data).toUpperCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsaRecord r && r.usage == usage && r.selector == selector
                && r.matchingType == matchingType && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * usage + selector) + matchingType) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return presentation();
    }

    private static void checkOctet(String field, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("TLSA " + field + " is one octet: " + value);
        }
    }
}
