package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.truth.DomainFacts;

/**
 * One generated domain: its facts, the records the parent (TLD) zone holds for it (NS, DS), the
 * records of its own zone (empty when the delegation is broken: nobody serves it). PTR records
 * of self-hosted servers come from the {@link AddressPool} once every domain is planned.
 */
record DomainZone(DomainFacts facts, RecordList parent, RecordList child) {

    /** Absolute name with the trailing dot. */
    String origin() {
        return facts.name() + ".";
    }

    boolean served() {
        return !child.isEmpty();
    }

    /** Knot signs this child (secure, DS mismatch, island). */
    boolean signed() {
        return served() && facts.dnssec().signedChild();
    }

    /** The parent's DS must be made from the key Knot generated for this child. */
    boolean needsDs() {
        return served() && facts.dnssec() == io.mailcensus.testbed.truth.DomainFacts.Dnssec.SECURE;
    }
}
