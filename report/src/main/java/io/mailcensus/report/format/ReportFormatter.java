package io.mailcensus.report.format;

import io.mailcensus.report.Report;

/** Renders a report as one document. */
public interface ReportFormatter {

    String format(Report report);
}
