package io.mailcensus.launcher.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.core.port.ResultStore;
import java.io.IOException;
import java.io.PrintStream;

/**
 * A scan that measured almost nothing says so: when more than half of its domains ended in
 * {@code error}, one line names the most common cause (the kind of each failed domain's first
 * failed query) and the scan exits {@link #EXIT_CODE} instead of 0, so a script does not publish it.
 */
final class MostlyErrors {

    /** The exit code of a finished scan with more than half of its domains in error (README, scan --help). */
    static final int EXIT_CODE = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private MostlyErrors() {}

    /** @return 0, or {@link #EXIT_CODE} after the warning */
    static int check(ResultStore store, String scanId, long done, long errors, PrintStream err) {
        if (done == 0 || errors * 2 <= done) {
            return 0;
        }
        String cause = mostCommonCause(store, scanId);
        err.printf("warning: %,d of %,d domains (%.0f%%) ended in error, most often %s: the figures of this scan "
                + "measure the scanner's network, not the domains; check --resolver and --timeout (exit %d)%n",
                errors, done, 100.0 * errors / done, cause, EXIT_CODE);
        return EXIT_CODE;
    }

    private static String mostCommonCause(ResultStore store, String scanId) {
        // one example query per kind is enough to name the cause; count() is per kind
        String sql = "SELECT kind, count() AS n, any(example) AS example FROM (SELECT if(empty(errors), 'error', "
                + "toString(errors[1].kind)) AS kind, if(empty(errors), '', errors[1].qtype || ' ' || errors[1].qname)"
                + " AS example FROM domain_results FINAL WHERE scan_id = " + ScanQueries.quote(scanId)
                + " AND status = 'error') GROUP BY kind ORDER BY n DESC, kind LIMIT 1";
        try {
            String line = store.query(sql, "JSONEachRow").strip();
            if (line.isEmpty()) {
                return "unknown";
            }
            JsonNode row = JSON.readTree(line);
            String example = row.path("example").asText("");
            return row.path("kind").asText() + " (" + row.path("n").asText() + " domains"
                    + (example.isEmpty() ? "" : ", e.g. " + example) + ")";
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
