package io.mailcensus.core.port;

import io.mailcensus.schemas.ScanTask;

/** Where the coordinator puts scan tasks. Blocks when the queue is full (backpressure). */
public interface WorkSink extends TaskSink<ScanTask> {

    /** No more tasks will come in this round. */
    void finish();
}
