/**
 * Continuous mode ({@code mailcensus coordinator --every 7d}): rescanning a TLD for ever, each
 * domain once per period, at a flat task rate.
 *
 * <ul>
 *   <li>{@link io.mailcensus.coordinator.rescan.RescanSchedule}: rounds of one period counted
 *       from a fixed epoch; a domain's offset in every round is a stable hash of its name, so
 *       it is rescanned exactly every period, and the domains spread evenly over the period.</li>
 *   <li>{@link io.mailcensus.coordinator.rescan.RescanFeeder}: cuts the period into slices
 *       (hourly for a week); at each slice start it reads the source again, keeps the domains
 *       whose offset falls in the slice (bounded memory) and hands them to a
 *       {@link io.mailcensus.coordinator.rescan.DueSink} at evenly spaced instants.</li>
 *   <li>{@link io.mailcensus.coordinator.rescan.RoundProgress}: enqueued / done / failed / in
 *       flight per round, from counts.</li>
 * </ul>
 *
 * <h2>How the coordinator uses them</h2>
 * <pre>{@code
 * RescanSchedule schedule = new RescanSchedule(RescanSchedule.parsePeriod("7d"));
 * RescanFeeder feeder = new RescanFeeder(schedule, RescanFeeder.defaultSlice(schedule.period()),
 *         Clock.systemUTC(), Pacer.sleepingOn(Clock.systemUTC()));
 * RoundProgress progress = new RoundProgress();
 * feeder.run(() -> ListFileSource.of(list), (domain, round, at) -> {
 *     String scanId = schedule.roundStart(round).toString();      // one scan per round
 *     kafkaWorkSink.submit(Tasks.scanTask(scanId, domain, at));    // key = domain; blocks when full
 *     progress.enqueued(scanId, 1);
 * }, Long.MAX_VALUE);
 * }</pre>
 * A consumer of the results topic counts {@code progress.done(scanId, n)} (and dead letters as
 * {@code failed}); when the clock passes a round's end the coordinator calls
 * {@code feedingFinished(scanId)}, and once {@code counts(scanId).complete()} it marks the scan
 * finished in the {@code scans} table and {@code forget}s it.
 *
 * <p>The source is read once per slice (168 times a week): cheap for a list or zone file (a few
 * seconds for 2.5 million lines). An AXFR source should not be transferred hourly: transfer it
 * once per round ({@link io.mailcensus.coordinator.input.AxfrSource#transfer} into a file) and
 * let the slices read that snapshot.
 *
 * <p>After a restart, the first slice skips the slots already past (the previous process fed
 * them); the rest of the round goes on at the same instants. A domain's first round after it
 * appears, or after the coordinator first starts mid-round, may thus be skipped if its slot had
 * passed: it comes at its slot in the next round. A one-off full round ({@code ScanFeeder})
 * covers that when a complete first picture is needed.
 */
package io.mailcensus.coordinator.rescan;
