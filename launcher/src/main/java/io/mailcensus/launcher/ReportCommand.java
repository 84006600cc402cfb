package io.mailcensus.launcher;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.launcher.local.ScanQueries;
import io.mailcensus.report.Report;
import io.mailcensus.report.ReportBuilder;
import io.mailcensus.report.ScanNotFoundException;
import io.mailcensus.report.catalog.Brands;
import io.mailcensus.report.changes.Changes;
import io.mailcensus.report.changes.ChangesBuilder;
import io.mailcensus.report.changes.ChangesFormatter;
import io.mailcensus.report.format.HtmlFormatter;
import io.mailcensus.report.format.ReportFormat;
import io.mailcensus.report.trend.Trend;
import io.mailcensus.report.trend.TrendBuilder;
import io.mailcensus.report.trend.TrendFormatter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The figures of one scan: every metric with its base, and the provider breakdowns.",
                "Every metric also has 'unknown': the domains of its base it could not decide (a DNS error or "
                        + "timeout, a mail or web server not reached, refused, opted out or quarantined, a probe "
                        + "switched off). Its count is of the decided domains only and its %% is count / base, so a "
                        + "'partial' figure is a lower bound: the true share lies between count / base and "
                        + "(count + unknown) / base. A metric with nothing decided prints 'not measured', never 0%%; "
                        + "each section says how many of its base were not reached, and why."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    QueryStoreOptions store;

    private static final Set<String> IN_PROGRESS = Set.of("running", "feeding", "fed");

    @Option(names = "--scan", paramLabel = "ID",
            description = "default: the latest scan that is over (a round still in progress: give its id, the report is partial)")
    String scan;

    @Option(names = "--format", paramLabel = "text|md|json|html", defaultValue = "text",
            description = "default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + ReportBuilder.DEFAULT_TOP,
            description = "entries per breakdown (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path out;

    @Option(names = "--compare", paramLabel = "ID",
            description = "add, for every metric, scan ID's pct and the change since in percentage points")
    String compare;

    @Option(names = "--brands", paramLabel = "FILE",
            description = "more KIND<TAB>PATTERN<TAB>BRAND lines for the ns.brand, mx.brand and tls.issuer_brand "
                    + "breakdowns, tried before the built-in ones (report/src/main/resources/io/mailcensus/report/brands/brands.tsv)")
    Path brands;

    @Option(names = "--trend",
            description = "every metric for every scan in the store, and per day for rolling rescans; each point "
                    + "with its coverage: '(N unknown)' beside a partial figure, 'not measured' where nothing was decided")
    boolean trend;

    @Option(names = "--changes",
            description = "what changed per domain (DMARC policy, SPF all, DNSSEC, STARTTLS, certificates, DANE, MTA-STS, "
                    + "MX and NS provider) into the scan, from each domain's previous result; counts and examples")
    boolean changes;

    @Option(names = "--since", paramLabel = "SCAN",
            description = "with --changes: every change recorded after scan SCAN's last result, over several rounds")
    String since;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new UserException("--top " + top + ": must be at least 1 (entries per breakdown)");
        }
        if (since != null && !changes) {
            throw new UserException("--since goes with --changes");
        }
        if (changes && (trend || compare != null)) {
            throw new UserException("--changes does not go with --trend or --compare: choose one");
        }
        if (trend && compare != null) {
            throw new UserException("--compare and --trend do not go together: choose one");
        }
        ReportFormat f;
        try {
            f = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UserException("--format " + format + ": " + e.getMessage());
        }
        String text;
        try (ResultStore s = store.openExisting()) {
            ReportBuilder builder = new ReportBuilder(s, top, brands());
            String id = scan != null ? scan : builder.latestScanId()
                    .orElseThrow(() -> new UserException("no scans in " + store.describe()));
            ScanQueries.scan(s, id).filter(r -> IN_PROGRESS.contains(r.state())).ifPresent(r -> System.err.printf(
                    "note: scan %s is %s: this report is partial (%,d domains with a result so far)%n", id, r.state(),
                    r.domainsDone()));
            Report report;
            try {
                report = builder.build(id);
                if (compare != null) {
                    report = report.comparedTo(builder.build(compare));
                }
            } catch (ScanNotFoundException e) {
                throw new UserException(e.getMessage());
            }
            Changes changeFeed = changes || f == ReportFormat.HTML ? changes(s, report.scan().id()) : null;
            if (changes && f != ReportFormat.HTML) {
                text = switch (f) {
                    case TEXT -> ChangesFormatter.text(changeFeed);
                    case MD -> ChangesFormatter.markdown(changeFeed);
                    default -> ChangesFormatter.json(changeFeed);
                };
            } else if (trend) {
                text = trend(f, report, new TrendBuilder(s, top).build());
            } else if (f == ReportFormat.HTML) {
                // the HTML report draws trend lines whenever the store holds several scans
                List<Report> history = new ArrayList<>();
                for (String other : new TrendBuilder(s, top).scanIds()) {
                    history.add(other.equals(report.scan().id()) ? report : builder.build(other));
                }
                text = new HtmlFormatter().render(report, history, changeFeed);
            } else {
                text = f.render(report);
            }
        }
        if (out != null) {
            write(out, text);
        } else {
            System.out.print(text);
        }
        return 0;
    }

    private Brands brands() {
        if (brands == null) {
            return Brands.builtIn();
        }
        try {
            return Brands.builtIn().withFile(brands);
        } catch (java.io.IOException e) {
            throw new UserException("cannot read --brands " + brands + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserException("--brands " + e.getMessage());
        }
    }

    private static void write(Path out, String text) {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserException("cannot write --out " + out + ": directory " + parent + " does not exist");
        }
        try {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new UserException("cannot write --out " + out + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    /** The change feed; for the HTML page's section only, a server store without the view (older aggregator) has none. */
    private Changes changes(ResultStore s, String scanId) {
        try {
            return new ChangesBuilder(s, Math.max(top, 20)).build(scanId, since);
        } catch (RuntimeException e) {
            if (changes) {
                throw e;
            }
            System.err.println("note: no \"What changed\" section: " + e.getMessage());
            return null;
        }
    }

    /** text and md print the trend tables; json adds a "trend" key; html draws the trend lines. */
    private static String trend(ReportFormat format, Report current, Trend trend) {
        return switch (format) {
            case TEXT -> TrendFormatter.text(trend);
            case MD -> TrendFormatter.markdown(trend);
            case JSON -> TrendFormatter.json(current, trend);
            case HTML -> new HtmlFormatter().render(current, trend.scans());
        };
    }
}
