package io.mailcensus.kafka.topic;

import io.mailcensus.core.name.GateKey;
import io.mailcensus.core.name.IpText;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.schemas.WebProbeTask;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Message keys, UTF-8. Keying is the design: the key picks the partition, the partition picks
 * the worker. MX probe tasks are keyed by their address's politeness gate alone ({@link GateKey}:
 * the IPv4 address, or the IPv6 /64), so every probe of one mail server goes to one worker, whose
 * gate (rate limit, backoff, quarantine), per-domain budget and once-per-round cache stay local state.
 * Result keys name the row the store deduplicates on. Parts are joined with {@code '|'}, which
 * no domain name, host name or IP address contains, so a key stays unambiguous even when a
 * scan id contains one.
 */
public final class TopicKeys {

    public static final char SEPARATOR = '|';

    private TopicKeys() {}

    public static byte[] scanTask(ScanTask task) {
        return utf8(task.getDomain());
    }

    /** The gate key's text; a task whose address does not parse keeps its text (the stage stores it as an error). */
    public static byte[] mxProbeTask(MxProbeTask task) {
        try {
            return utf8(GateKey.text(IpText.parse(task.getIp())));
        } catch (IllegalArgumentException e) {
            return utf8(task.getIp());
        }
    }

    /**
     * The domain's web address, as MX tasks are keyed by the mail server's: every domain on one
     * web server goes to one worker, whose HTTPS gate for it is then the only one in the cluster.
     * A domain with no address to connect to is keyed by its name (its probes open no connection there).
     */
    public static byte[] webProbeTask(WebProbeTask task) {
        return utf8(task.getWebIp().isEmpty() ? task.getDnsResult().getDomain() : task.getWebIp());
    }

    public static byte[] domainResult(DomainResult result) {
        return utf8(result.getScanId() + SEPARATOR + result.getDomain());
    }

    public static byte[] mailServerResult(MailServerResult result) {
        return utf8(result.getScanId() + SEPARATOR + result.getHost() + SEPARATOR + result.getIp());
    }

    /** The partition Kafka's default partitioner gives a keyed record: murmur2 of the key bytes. */
    public static int partition(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
