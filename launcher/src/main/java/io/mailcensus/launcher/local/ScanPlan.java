package io.mailcensus.launcher.local;

import io.mailcensus.coordinator.input.NameSource;
import io.mailcensus.launcher.ProgressMode;
import io.mailcensus.worker.dns.DnsSettings;
import java.nio.file.Path;

/** Everything one single-machine scan needs, validated by the command line before it starts. */
public record ScanPlan(
        String scanId,
        boolean resume,
        NameSource source,
        Path data,
        DnsSettings dns,
        int concurrency,
        ProgressMode progress) {}
