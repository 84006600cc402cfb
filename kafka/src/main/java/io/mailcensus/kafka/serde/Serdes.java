package io.mailcensus.kafka.serde;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.ScanTask;
import io.mailcensus.schemas.WebProbeTask;

/** One serde per message type of the contract in {@code schemas}. */
public final class Serdes {

    public static final AvroSerde<ScanTask> SCAN_TASK = new AvroSerde<>(ScanTask.class, ScanTask.getClassSchema());
    public static final AvroSerde<MxProbeTask> MX_PROBE_TASK =
            new AvroSerde<>(MxProbeTask.class, MxProbeTask.getClassSchema());
    public static final AvroSerde<WebProbeTask> WEB_PROBE_TASK =
            new AvroSerde<>(WebProbeTask.class, WebProbeTask.getClassSchema());
    public static final AvroSerde<DomainResult> DOMAIN_RESULT =
            new AvroSerde<>(DomainResult.class, DomainResult.getClassSchema());
    public static final AvroSerde<MailServerResult> MAIL_SERVER_RESULT =
            new AvroSerde<>(MailServerResult.class, MailServerResult.getClassSchema());

    private Serdes() {}
}
