package io.mailcensus.testbed.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A test's SMTP client: greeting, EHLO, STARTTLS, QUIT. Never MAIL, RCPT or DATA. */
public final class SmtpClient implements AutoCloseable {

    private static final int TIMEOUT_MS = 10_000;

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    final String greeting;

    public SmtpClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        attach();
        greeting = String.join("\n", reply());
    }

    public List<String> ehlo() throws IOException {
        return command("EHLO probe.mailcensus.test");
    }

    /**
     * STARTTLS, then the handshake with {@code tls} for {@code serverName} (SNI, and endpoint
     * identification when {@code checkName}). Returns the chain the server sent.
     */
    public X509Certificate[] startTls(SSLContext tls, String serverName, boolean checkName) throws IOException {
        List<String> r = command("STARTTLS");
        if (!r.getFirst().startsWith("220")) {
            throw new IOException("STARTTLS refused: " + r);
        }
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, serverName, socket.getPort(), true);
        if (checkName) {
            var params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(params);
        }
        ssl.startHandshake();
        socket = ssl;
        attach();
        return (X509Certificate[]) ssl.getSession().getPeerCertificates();
    }

    List<String> command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException e) {
            // the server may already have gone
        } finally {
            socket.close();
        }
    }

    private void attach() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    private List<String> reply() throws IOException {
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
