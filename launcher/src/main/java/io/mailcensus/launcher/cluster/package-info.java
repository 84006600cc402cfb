/**
 * The distributed mode's roles over Kafka (architecture.md, "The data flow"): the coordinator
 * feeds scan tasks keyed by domain; a worker runs the DNS and HTTPS probes of the domains its
 * partitions hold and produces their results and their MX probe tasks keyed by IP, and probes the
 * mail servers of the MX partitions it holds, so each mail server's gate and round cache live in
 * one worker; the aggregator writes results into the store and commits only what is stored.
 * {@link io.mailcensus.launcher.cluster.LocalCluster} runs all of it on one machine around an
 * embedded broker.
 */
package io.mailcensus.launcher.cluster;
