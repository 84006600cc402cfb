package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.truth.DomainFacts;

/**
 * One generated domain: its facts, the records the parent (TLD) zone holds for it (NS, DS), the
 * records of its own zone (empty when the delegation is broken: nobody serves it), and PTR
 * records for the reverse zone.
 */
record DomainZone(DomainFacts facts, RecordList parent, RecordList child, RecordList reverse) {

    /** Absolute name with the trailing dot. */
    String origin() {
        return facts.name() + ".";
    }

    boolean served() {
        return !child.isEmpty();
    }
}
