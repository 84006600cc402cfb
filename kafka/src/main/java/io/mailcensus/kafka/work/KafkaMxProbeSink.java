package io.mailcensus.kafka.work;

import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.topic.TopicKeys;
import io.mailcensus.schemas.MxProbeTask;

/**
 * MX probe tasks into the mx-probe-tasks topic, keyed by gate (IPv4 address, IPv6 /64): every probe of one mail
 * server lands in one partition, so one worker owns that server's rate limit and round cache.
 * Read them with a {@code KafkaTaskSource<MxProbeTask>} on {@code topics().mxProbeTasks()}.
 */
public final class KafkaMxProbeSink extends KafkaTaskSink<MxProbeTask> {

    public KafkaMxProbeSink(KafkaSettings settings) {
        super(settings, "mailcensus-mx-probes", settings.topics().mxProbeTasks(),
                TopicKeys::mxProbeTask, Serdes.MX_PROBE_TASK::encode);
    }
}
