package io.mailcensus.testbed.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The readiness probe: greeting, EHLO, QUIT. It checks that STARTTLS is offered exactly when the
 * personality wants it: Postfix quietly drops TLS when it cannot read a certificate.
 */
final class SmtpProbe {

    private SmtpProbe() {}

    /** Returns the greeting; IOException when the server does not answer as {@code spec} says. */
    static String check(InetSocketAddress server, MailServerSpec spec, Duration timeout) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            List<String> greeting = reply(in);
            if (!greeting.getLast().startsWith("220 ")) {
                throw new IOException("no 220 greeting from " + server + ": " + greeting);
            }
            out.write("EHLO readiness.mailcensus.invalid\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> ehlo = reply(in);
            boolean startTls = ehlo.stream().anyMatch(l -> l.length() > 4 && l.substring(4).equalsIgnoreCase("STARTTLS"));
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            reply(in);
            if (startTls != spec.personality().offersStartTls()) {
                // not retried: a configuration error, see the server's log
                throw new IllegalStateException(spec + (startTls ? " offers" : " does not offer") + " STARTTLS: " + ehlo);
            }
            return greeting.getFirst();
        }
    }

    private static List<String> reply(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed after " + lines);
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }
}
