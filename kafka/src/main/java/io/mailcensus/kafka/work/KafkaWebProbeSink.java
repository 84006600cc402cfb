package io.mailcensus.kafka.work;

import io.mailcensus.kafka.client.KafkaSettings;
import io.mailcensus.kafka.serde.Serdes;
import io.mailcensus.kafka.topic.TopicKeys;
import io.mailcensus.schemas.WebProbeTask;

/**
 * Web probe tasks into the web-probe-tasks topic, keyed by the domain's web address
 * ({@link TopicKeys#webProbeTask}): every domain on one web server lands in one partition, so one
 * worker owns that server's HTTPS gate. Read them with a {@code KafkaTaskSource<WebProbeTask>} on
 * {@code topics().webProbeTasks()}. The twin of {@link KafkaMxProbeSink}.
 */
public final class KafkaWebProbeSink extends KafkaTaskSink<WebProbeTask> {

    public KafkaWebProbeSink(KafkaSettings settings) {
        super(settings, "mailcensus-web-probes", settings.topics().webProbeTasks(),
                TopicKeys::webProbeTask, Serdes.WEB_PROBE_TASK::encode);
    }
}
