package io.mailcensus.testbed.mail;

import io.mailcensus.testbed.pki.TestCa;
import java.nio.file.Path;
import java.util.List;

/** Run in a JVM of its own that the test then kills: starts a mail testbed, says "up", waits. */
public final class StartAndHang {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        MailTestbed.start(dir, TestCa.create("crash test CA"), List.of(
                MailServerSpec.of(args[1], "mx1.crash.test", Personality.POSTFIX_STARTTLS),
                MailServerSpec.of(args[2], "mx2.crash.test", Personality.EXIM_STARTTLS)));
        System.out.println("up");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
