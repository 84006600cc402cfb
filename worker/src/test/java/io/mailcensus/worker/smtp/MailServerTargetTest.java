package io.mailcensus.worker.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.schemas.MxProbeTask;
import java.net.InetAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MailServerTargetTest {

    private static final InetAddress A = InetAddress.ofLiteral("192.0.2.25");

    @Test
    void targetsDifferByHostAndByAddressButNotByCaseOrRootDot() {
        assertThat(new MailServerTarget("MX1.example.ch.", A, 25)).isEqualTo(new MailServerTarget("mx1.example.ch", A, 25));
        assertThat(new MailServerTarget("mx1.example.ch", A, 25)).isNotEqualTo(new MailServerTarget("mx2.example.ch", A, 25));
        assertThat(new MailServerTarget("mx1.example.ch", A, 25))
                .isNotEqualTo(new MailServerTarget("mx1.example.ch", InetAddress.ofLiteral("2001:db8::25"), 25));
    }

    @Test
    void aTaskRoundTripsWithItsPortAndTheAddressInRfc5952Text() {
        MxProbeTask task = MxProbeTask.newBuilder().setScanId("s").setHost("MX.Example.").setIp("2001:DB8:0:0:0:0:0:25")
                .setPort(2525).setEnqueuedAt(Instant.EPOCH).build();
        MailServerTarget target = MailServerTarget.of(task);
        assertThat(target).isEqualTo(new MailServerTarget("mx.example", InetAddress.ofLiteral("2001:db8::25"), 2525));
        MxProbeTask back = target.toTask("s", Instant.EPOCH);
        assertThat(back.getHost()).isEqualTo("mx.example");
        assertThat(back.getIp()).isEqualTo("2001:db8::25");
        assertThat(back.getPort()).isEqualTo(2525);
    }

    @Test
    void anIpv4MappedAddressKeepsTheTextTheMxDataHas() {
        MailServerTarget target = MailServerTarget.of(MxProbeTask.newBuilder().setScanId("s").setHost("mx.example")
                .setIp("::ffff:192.0.2.25").setEnqueuedAt(Instant.EPOCH).build());
        assertThat(target.ipText()).isEqualTo("::ffff:192.0.2.25");
    }

    @Test
    void aTaskWithoutAnAddressLiteralIsNoTarget() {
        assertThatThrownBy(() -> MailServerTarget.of(MxProbeTask.newBuilder().setScanId("s").setHost("mx.example")
                .setIp("mx.example").setEnqueuedAt(Instant.EPOCH).build())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailServerTarget(".", A, 25)).isInstanceOf(IllegalArgumentException.class);
    }
}
