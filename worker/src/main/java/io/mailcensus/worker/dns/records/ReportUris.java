package io.mailcensus.worker.dns.records;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Comma-separated URI lists of DMARC {@code rua}/{@code ruf} and TLS-RPT {@code rua}. */
final class ReportUris {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    /** DMARC's optional size limit after the URI: "!" 1*DIGIT [ "k" / "m" / "g" / "t" ]. */
    private static final Pattern DMARC_SIZE = Pattern.compile("[0-9]{1,18}[kmgtKMGT]?");

    private ReportUris() {}

    /** Splits on ',' with WSP around each element; an empty element is an error. */
    static List<String> split(String tag, String value) throws SyntaxError {
        if (value.isEmpty()) {
            throw new SyntaxError(tag + "= is empty");
        }
        List<String> uris = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String uri = Wsp.trim(part);
            if (uri.isEmpty()) {
                throw new SyntaxError(tag + "= has an empty URI");
            }
            uris.add(uri);
        }
        return uris;
    }

    /** RFC 7489 6.4 dmarc-uri: an absolute URI, optionally followed by a size limit. */
    static void checkDmarcUri(String tag, String uri) throws SyntaxError {
        String bare = uri;
        int bang = uri.lastIndexOf('!');
        if (bang >= 0) {
            if (!DMARC_SIZE.matcher(uri.substring(bang + 1)).matches()) {
                throw new SyntaxError(tag + ": bad size limit in '" + uri + "'");
            }
            bare = uri.substring(0, bang);
        }
        checkUri(tag, bare);
    }

    /** An absolute URI (RFC 3986) with a scheme and something after it. */
    static String checkUri(String tag, String uri) throws SyntaxError {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new SyntaxError(tag + ": '" + uri + "' is not a URI");
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !SCHEME.matcher(scheme).matches() || parsed.getRawSchemeSpecificPart().isEmpty()) {
            throw new SyntaxError(tag + ": '" + uri + "' is not an absolute URI");
        }
        return scheme;
    }
}
