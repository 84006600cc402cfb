package io.mailcensus.coordinator.rescan;

import java.time.Instant;

/**
 * What one slice of continuous mode did.
 *
 * @param read input lines read (the whole source is read for every slice)
 * @param rejected malformed names (the same ones in every slice: report them once per round)
 * @param due distinct domains whose slot falls in this slice
 * @param emitted handed to the sink
 * @param skipped slots already past when the coordinator started (after a restart)
 */
public record SliceReport(long slice, long round, Instant start, long read, long rejected, long due, long emitted,
        long skipped) {}
