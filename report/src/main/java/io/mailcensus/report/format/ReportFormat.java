package io.mailcensus.report.format;

import io.mailcensus.report.Report;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The formats of {@code mailcensus report --format}. */
public enum ReportFormat {
    TEXT("text", new TextFormatter()),
    MD("md", new MarkdownFormatter()),
    JSON("json", new JsonFormatter()),
    HTML("html", new HtmlFormatter());

    private final String cliName;
    private final ReportFormatter formatter;

    ReportFormat(String cliName, ReportFormatter formatter) {
        this.cliName = cliName;
        this.formatter = formatter;
    }

    public String cliName() {
        return cliName;
    }

    public String render(Report report) {
        return formatter.format(report);
    }

    /** The format named on the command line; an unknown name is an error, never a fallback. */
    public static ReportFormat parse(String name) {
        return Arrays.stream(values())
                .filter(format -> format.cliName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown report format '" + name + "', expected one of "
                        + Arrays.stream(values()).map(ReportFormat::cliName).collect(Collectors.joining(", "))));
    }
}
