package io.mailcensus.launcher.local;

import io.mailcensus.coordinator.input.NameSource;
import io.mailcensus.launcher.ProgressMode;
import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.https.WebSetup;
import io.mailcensus.worker.mailserver.MailServerSettings;
import java.nio.file.Path;

/** Everything one single-machine scan needs, validated by the command line before it starts. */
public record ScanPlan(
        String scanId,
        boolean resume,
        NameSource source,
        Path data,
        DnsSettings dns,
        MailServerSettings mail,
        WebSetup web,
        int concurrency,
        ProgressMode progress) {}
