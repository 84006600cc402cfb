package io.mailcensus.worker.smtp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * Pipeline order only: {@code replies} (bytes to bounded replies), then the probe handler. The
 * handler puts {@code tls} in front of {@code replies} after the 220 to STARTTLS.
 */
public final class SmtpInitializer extends ChannelInitializer<Channel> {

    public static final String TLS = "tls";
    public static final String REPLIES = "replies";
    public static final String PROBE = "probe";

    private final SmtpLimits limits;
    private final SmtpProbeHandler handler;

    public SmtpInitializer(SmtpLimits limits, SmtpProbeHandler handler) {
        this.limits = limits;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline()
                .addLast(REPLIES, new SmtpReplyDecoder(limits))
                .addLast(PROBE, handler);
    }
}
