package io.mailcensus.report.changes;

import java.util.List;

/**
 * What changed: into scan {@code scan} (each domain's previous result to its result in it), or,
 * with {@code since}, every change recorded after that scan's last result.
 */
public record Changes(String scan, String since, List<ChangeGroup> groups) {

    public long total() {
        return groups.stream().mapToLong(ChangeGroup::domains).sum();
    }

    /** "into scan X" or "since scan Y". */
    public String scope() {
        return since == null || since.isEmpty() ? "into scan " + scan : "since scan " + since;
    }
}
