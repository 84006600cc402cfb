package io.mailcensus.worker.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP server on 127.0.0.1 and a random port, for one connection at a time. It records
 * every line the client sends (before and after TLS) and the SNI name it asked for, so tests can
 * check that the probe never said MAIL, RCPT or DATA.
 */
final class LoopbackSmtpServer implements AutoCloseable {

    /** What the server does with one connection. */
    interface Script {
        void run(Conversation conversation) throws Exception;
    }

    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> sniNames = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final SSLContext tls;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    LoopbackSmtpServer(SSLContext tls, Script script) throws IOException {
        this(tls, script, InetAddress.getLoopbackAddress());
    }

    LoopbackSmtpServer(SSLContext tls, Script script, InetAddress bind) throws IOException {
        this.tls = tls;
        this.listener = new ServerSocket(0, 10, bind);
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    open.add(socket);
                    Thread.ofVirtual().start(() -> serve(socket, script));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            script.run(new Conversation(socket));
        } catch (Exception clientLeft) {
            // The probe hung up (that is what most hostile scripts test).
        }
    }

    final class Conversation {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;

        Conversation(Socket socket) throws IOException {
            use(socket);
        }

        private void use(Socket next) throws IOException {
            socket = next;
            in = new BufferedReader(new InputStreamReader(next.getInputStream(), StandardCharsets.ISO_8859_1));
            out = next.getOutputStream();
        }

        /** The next line from the client, recorded; null at end of stream. */
        String read() throws IOException {
            String line = in.readLine();
            if (line != null) {
                received.add(line);
            }
            return line;
        }

        /** Sends {@code text} as it is (give the CRLFs yourself), in one write. */
        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Answers commands with {@code 250 ok} until QUIT, then 221. */
        void answerUntilQuit() throws IOException {
            for (String line; (line = read()) != null; ) {
                if (line.equalsIgnoreCase("QUIT")) {
                    send("221 bye\r\n");
                    return;
                }
                send("250 ok\r\n");
            }
        }

        /** Upgrades to TLS as the server, and records the SNI name the client sent. */
        void startTls() throws IOException {
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            secure.setUseClientMode(false);
            secure.startHandshake();
            if (secure.getSession() instanceof ExtendedSSLSession session) {
                session.getRequestedServerNames().forEach(name -> sniNames.add(((SNIHostName) name).getAsciiName()));
            }
            use(secure);
        }

        InputStream rawInput() throws IOException {
            return socket.getInputStream();
        }

        /** Waits until the client hangs up (a server that never speaks). */
        void waitForClose() throws IOException {
            InputStream raw = socket.getInputStream();
            while (raw.read() >= 0) {
                // discard
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
