package io.mailcensus.core.queue;

import io.mailcensus.core.port.WorkSink;
import io.mailcensus.core.port.WorkSource;
import io.mailcensus.schemas.ScanTask;

/**
 * The single-machine stand-in for the scan-tasks topic: a bounded queue, so a coordinator
 * reading a 2.5-million-line list blocks instead of filling the heap.
 */
public final class InProcessWorkQueue extends InProcessQueue<ScanTask> implements WorkSource, WorkSink {

    public InProcessWorkQueue(int capacity) {
        super(capacity);
    }
}
