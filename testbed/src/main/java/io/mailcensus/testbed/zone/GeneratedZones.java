package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.truth.Truth;

/**
 * The output of {@link ZoneGenerator}: where it is, what it was made from, and its truth.
 *
 * @param servedChildZones child zones written (every domain but the broken ones)
 */
public record GeneratedZones(ZoneLayout layout, int domains, long seed, String tld, int servedChildZones, Truth truth) {}
