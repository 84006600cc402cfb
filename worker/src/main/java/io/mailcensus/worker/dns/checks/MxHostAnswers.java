package io.mailcensus.worker.dns.checks;

import io.mailcensus.worker.dns.DnsAnswer;

/** The A and AAAA answers for one MX host. */
public record MxHostAnswers(String host, DnsAnswer a, DnsAnswer aaaa) {}
