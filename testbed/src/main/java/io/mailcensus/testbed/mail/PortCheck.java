package io.mailcensus.testbed.mail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Checks before start-up that nothing else holds the testbed's addresses. Postfix's master dies
 * silently when it cannot bind (its log is not up yet), so this is where the cause gets a name.
 */
final class PortCheck {

    private PortCheck() {}

    static void requireFree(List<MailServerSpec> specs, int port) throws IOException {
        for (MailServerSpec s : specs) {
            InetSocketAddress a = new InetSocketAddress(s.ip(), port);
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(a);
            } catch (IOException e) {
                throw new IOException(a + " is taken (" + e.getMessage() + "): another server listens there or on"
                        + " 0.0.0.0:" + port + ", e.g. the system's own MTA (stop it, or use another port)", e);
            }
        }
    }
}
