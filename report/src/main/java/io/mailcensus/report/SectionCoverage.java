package io.mailcensus.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * How many domains of a section's base were not reached, and why (error, timeout, refused, opted
 * out, quarantined, option, ...): the {@code unreached.<reason>} columns of the section's SQL file.
 * Reasons with no domain are left out.
 */
public record SectionCoverage(SequencedMap<String, Long> reasons) {

    public SectionCoverage {
        var copied = new LinkedHashMap<String, Long>();
        reasons.forEach((reason, count) -> {
            if (count != null && count > 0) {
                copied.put(reason, count);
            }
        });
        reasons = Collections.unmodifiableSequencedMap(copied);
    }

    public long notReached() {
        return reasons.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "12 not reached: 7 timeout, 5 refused", or "" when every domain was reached. */
    public String describe(java.util.function.LongFunction<String> count) {
        if (reasons.isEmpty()) {
            return "";
        }
        var out = new StringBuilder(count.apply(notReached())).append(" not reached: ");
        boolean first = true;
        for (var reason : reasons.entrySet()) {
            out.append(first ? "" : ", ").append(count.apply(reason.getValue())).append(' ')
                    .append(reason.getKey().replace('_', ' '));
            first = false;
        }
        return out.toString();
    }
}
