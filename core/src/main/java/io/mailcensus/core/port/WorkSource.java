package io.mailcensus.core.port;

import io.mailcensus.schemas.ScanTask;

/** Where workers take scan tasks from (see {@link TaskSource}). */
public interface WorkSource extends TaskSource<ScanTask> {}
