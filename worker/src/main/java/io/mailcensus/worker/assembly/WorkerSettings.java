package io.mailcensus.worker.assembly;

import io.mailcensus.worker.dns.client.DnsSettings;
import io.mailcensus.worker.https.WebSetup;
import io.mailcensus.worker.mailserver.MailServerSettings;

/**
 * What a worker probes with, the same in every mode: DNS, mail servers, HTTPS, and how many
 * domains are in flight at once ({@code --concurrency}).
 */
public record WorkerSettings(DnsSettings dns, MailServerSettings mail, WebSetup web, int concurrency) {}
