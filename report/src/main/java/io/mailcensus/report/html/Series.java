package io.mailcensus.report.html;

import java.util.List;

/**
 * One line of a {@link LineChart}: a metric's percentage in each scan, oldest first.
 *
 * @param values one per scan; null where the scan has no such figure (the line then has a gap)
 */
public record Series(String name, List<Double> values) {}
