package io.mailcensus.kafka.topic;

import static io.mailcensus.kafka.Messages.domainResult;
import static io.mailcensus.kafka.Messages.mailServerResult;
import static io.mailcensus.kafka.Messages.mxProbe;
import static io.mailcensus.kafka.Messages.scanTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.WebProbeTask;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class TopicKeysTest {

    @Test
    void scanTaskIsKeyedByItsDomain() {
        assertThat(TopicKeys.scanTask(scanTask("scan-1", "example.ch"))).isEqualTo(bytes("example.ch"));
    }

    @Test
    void mxProbeIsKeyedByTheIpAloneSoOneWorkerOwnsEachServer() {
        byte[] a = TopicKeys.mxProbeTask(mxProbe("scan-1", "mx1.example.ch", "192.0.2.25"));
        byte[] b = TopicKeys.mxProbeTask(mxProbe("scan-2", "mail.other.ch", "192.0.2.25"));
        assertThat(a).isEqualTo(bytes("192.0.2.25")).isEqualTo(b);
    }

    @Test
    void mxProbesOfOneIpv6Slash64ShareAKeySoOneWorkerOwnsThatGate() {
        byte[] a = TopicKeys.mxProbeTask(mxProbe("scan-1", "mx1.example.ch", "2001:db8:0:25::1"));
        byte[] b = TopicKeys.mxProbeTask(mxProbe("scan-1", "mx2.example.ch", "2001:db8:0:25:ffff::99"));
        assertThat(a).isEqualTo(bytes("2001:db8:0:25::/64")).isEqualTo(b);
        assertThat(TopicKeys.mxProbeTask(mxProbe("scan-1", "mx.example.ch", "2001:db8:0:26::1")))
                .isEqualTo(bytes("2001:db8:0:26::/64"));
        // an IPv4 address in IPv6 clothing is that IPv4 server
        assertThat(TopicKeys.mxProbeTask(mxProbe("scan-1", "mx.example.ch", "::ffff:192.0.2.25")))
                .isEqualTo(bytes("192.0.2.25"));
        assertThat(TopicKeys.mxProbeTask(mxProbe("scan-1", "mx.example.ch", "not an address")))
                .isEqualTo(bytes("not an address"));
    }

    @Test
    void webProbeIsKeyedByTheWebAddressSoOneWorkerOwnsEachWebServersGate() {
        byte[] a = TopicKeys.webProbeTask(webProbe("a.ch", "192.0.2.80"));
        byte[] b = TopicKeys.webProbeTask(webProbe("b.ch", "192.0.2.80"));
        assertThat(a).isEqualTo(bytes("192.0.2.80")).isEqualTo(b);
        assertThat(TopicKeys.webProbeTask(webProbe("c.ch", ""))).as("no address: spread by domain")
                .isEqualTo(bytes("c.ch"));
    }

    private static WebProbeTask webProbe(String domain, String ip) {
        return WebProbeTask.newBuilder().setScanId("scan-1").setWebIp(ip).setDnsResult(domainResult("scan-1", domain))
                .setEnqueuedAt(Instant.EPOCH).build();
    }

    @Test
    void resultKeysNameTheDeduplicatedRow() {
        assertThat(TopicKeys.domainResult(domainResult("scan-1", "example.ch")))
                .isEqualTo(bytes("scan-1|example.ch"));
        assertThat(TopicKeys.mailServerResult(mailServerResult("scan-1", "mx1.example.ch", "192.0.2.25")))
                .isEqualTo(bytes("scan-1|mx1.example.ch|192.0.2.25"));
    }

    @Test
    void keysAreUtf8OfTheALabel() {
        assertThat(TopicKeys.scanTask(scanTask("s", "xn--bcher-kva.ch")))
                .containsExactly(0x78, 0x6e, 0x2d, 0x2d, 0x62, 0x63, 0x68, 0x65, 0x72, 0x2d, 0x6b, 0x76, 0x61, 0x2e,
                        0x63, 0x68);
    }

    /** Pinned: murmur2 as Kafka's default partitioner computes it; a change here moves every key. */
    @Test
    void partitionsAreThoseOfKafkasDefaultPartitioner() {
        assertPartitions("example.ch", 11, 35);
        assertPartitions("xn--bcher-kva.ch", 7, 19);
        assertPartitions("192.0.2.25", 11, 35);
        assertPartitions("2001:db8::25", 10, 22);
        assertPartitions("scan-1|example.ch", 9, 9);
        assertPartitions("scan-1|mx1.example.ch|192.0.2.25", 5, 5);
    }

    @Test
    void partitionAgreesWithTheProducersBuiltInPartitioner() {
        for (String k : new String[] {"example.ch", "192.0.2.25", "2001:db8::25", "a", ""}) {
            for (int n : new int[] {1, 12, 48, 7}) {
                assertThat(TopicKeys.partition(bytes(k), n)).isEqualTo(BuiltInPartitioner.partitionForKey(bytes(k), n));
            }
        }
    }

    private static void assertPartitions(String key, int of12, int of48) {
        assertThat(TopicKeys.partition(bytes(key), 12)).as(key + " of 12").isEqualTo(of12);
        assertThat(TopicKeys.partition(bytes(key), 48)).as(key + " of 48").isEqualTo(of48);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
