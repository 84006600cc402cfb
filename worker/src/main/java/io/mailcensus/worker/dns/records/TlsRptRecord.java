package io.mailcensus.worker.dns.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code _smtp._tls} TXT record (RFC 8460 3): {@code v=TLSRPTv1; rua=<uri>[,<uri>...]}.
 * The ABNF allows the rua field more than once (we follow it, as mox does; checkdmarc
 * rejects that); every URI must be {@code mailto:} or {@code https:}.
 */
public record TlsRptRecord(List<String> rua, String invalidReason) {

    public TlsRptRecord {
        rua = List.copyOf(rua);
    }

    public boolean valid() {
        return invalidReason == null;
    }

    /** Meant as TLS-RPT: starts with "v=TLSRPTv1" in any case (then judged strictly). */
    public static boolean isCandidate(String text) {
        return text.regionMatches(true, 0, "v=TLSRPTv1", 0, 10);
    }

    public static TlsRptRecord parse(String text) {
        try {
            TagList tags = TagList.parse(text);
            tags.requireVersionFirst("TLSRPTv1", true);
            List<String> rua = new ArrayList<>();
            for (TagList.Tag tag : tags.tags().subList(1, tags.tags().size())) {
                if (tag.name().equalsIgnoreCase("rua")) {
                    for (String uri : ReportUris.split("rua", tag.value())) {
                        String scheme = ReportUris.checkUri("rua", uri).toLowerCase(Locale.ROOT);
                        if (!scheme.equals("mailto") && !scheme.equals("https")) {
                            throw new SyntaxError("rua: '" + uri + "' is neither mailto: nor https:");
                        }
                        rua.add(uri);
                    }
                } else {
                    MtaStsRecord.checkExtension(tag);
                }
            }
            if (rua.isEmpty()) {
                throw new SyntaxError("missing rua");
            }
            return new TlsRptRecord(rua, null);
        } catch (SyntaxError e) {
            return new TlsRptRecord(List.of(), e.getMessage());
        }
    }
}
