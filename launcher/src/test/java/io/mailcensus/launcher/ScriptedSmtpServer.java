package io.mailcensus.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving SMTP server on a loopback address and port 25, as real servers misbehave towards
 * a scanner: 421 at the greeting, a stall, a reset at EHLO, a broken TLS handshake, 454 to
 * STARTTLS, or (the control) a plain EHLO without STARTTLS. Hostile on purpose, so scripted: no
 * mail server can be configured to do these. It never reads more than a few short lines.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    enum Behaviour {
        /** "421 4.7.0 too busy" instead of a greeting, then close. */
        GREETING_421,
        /** Accepts and never says a word. */
        STALL,
        /** Greets, then resets the connection (RST) when the client says EHLO. */
        RESET_AT_EHLO,
        /** Offers STARTTLS, says 220 to it, then sends bytes that are no TLS record. */
        BROKEN_HANDSHAKE,
        /** Offers STARTTLS and answers it with 454 (temporary: TLS not available). */
        STARTTLS_454,
        /** Answers EHLO without STARTTLS: the one server that says "no". */
        NO_STARTTLS
    }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    ScriptedSmtpServer(String ip, Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.ofLiteral(ip), 25), 16);
        Thread.ofVirtual().start(this::accept);
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            switch (behaviour) {
                case GREETING_421 -> send(out, "421 4.7.0 mx.hostile.test too busy, try later");
                case STALL -> in.readLine(); // the client speaks first never; wait until it gives up
                case RESET_AT_EHLO -> {
                    send(out, "220 mx.hostile.test ESMTP");
                    in.readLine();
                    socket.setSoLinger(true, 0); // close with RST
                }
                case BROKEN_HANDSHAKE -> {
                    greetAndEhlo(in, out, true);
                    if (in.readLine() != null) { // STARTTLS
                        send(out, "220 2.0.0 Ready to start TLS");
                        out.write("this is not a TLS record\r\n".repeat(4).getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        in.readLine();
                    }
                }
                case STARTTLS_454 -> {
                    greetAndEhlo(in, out, true);
                    if (in.readLine() != null) {
                        send(out, "454 4.7.0 TLS not available due to local problem");
                        answerUntilQuit(in, out);
                    }
                }
                case NO_STARTTLS -> {
                    greetAndEhlo(in, out, false);
                    answerUntilQuit(in, out);
                }
            }
        } catch (IOException e) {
            // the client went away: fine
        }
    }

    private static void greetAndEhlo(BufferedReader in, OutputStream out, boolean startTls) throws IOException {
        send(out, "220 mx.hostile.test ESMTP");
        if (in.readLine() == null) {
            return;
        }
        send(out, startTls ? "250-mx.hostile.test\r\n250-PIPELINING\r\n250 STARTTLS" : "250-mx.hostile.test\r\n250 PIPELINING");
    }

    private static void answerUntilQuit(BufferedReader in, OutputStream out) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.regionMatches(true, 0, "QUIT", 0, 4)) {
                send(out, "221 2.0.0 Bye");
                return;
            }
            send(out, "502 5.5.2 not here");
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
