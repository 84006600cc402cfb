import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.NoSuchDomainException;

/**
 * A scanner shaped like the seed's (Get-Mailprotection, run as parallel processes over a list):
 * each domain on its own, one synchronous query after another, no cache shared between domains,
 * the checks the seed lists (its record set, the discovery names, each MX address's PTR, the
 * MTA-STS policy and security.txt over HTTPS) but its Microsoft 365 request, and a connection to
 * every MX host of every domain (EHLO, STARTTLS, TLS handshake, QUIT), with no politeness. It
 * judges nothing: it only does the same network work, so that its rate is a fair
 * floor for mailcensus's (issue 16). Run by bench/full-scan in source-launch mode:
 * {@code java -cp CLASSPATH bench/SeedLikeScan.java DOMAINS RESOLVER:PORT THREADS}.
 */
public class SeedLikeScan {

    /**
     * The seed's per-domain record set: MX, SPF/TXT, DMARC, DKIM (its selectors), MTA-STS, TLS-RPT,
     * BIMI, CAA, DNSKEY, NS, and its Autodiscover, Lyncdiscover and Skype4B/Teams federation checks.
     */
    static final String[][] QUERIES = {
        {"", "MX"}, {"", "TXT"}, {"_dmarc.", "TXT"}, {"selector1._domainkey.", "CNAME"},
        {"selector2._domainkey.", "CNAME"}, {"default._domainkey.", "TXT"}, {"google._domainkey.", "TXT"},
        {"_mta-sts.", "TXT"}, {"_smtp._tls.", "TXT"}, {"default._bimi.", "TXT"}, {"", "CAA"}, {"", "DNSKEY"},
        {"", "NS"}, {"autodiscover.", "CNAME"}, {"lyncdiscover.", "CNAME"}, {"_sipfederationtls._tcp.", "SRV"},
    };

    public static void main(String[] args) throws Exception {
        List<String> domains = Files.readAllLines(Path.of(args[0])).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        String[] server = args[1].split(":");
        int threads = Integer.parseInt(args[2]);
        SimpleResolver resolver = new SimpleResolver(server[0]);
        resolver.setPort(Integer.parseInt(server[1]));
        resolver.setTimeout(java.time.Duration.ofSeconds(5));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAll()}, null);
        AtomicLong queries = new AtomicLong();
        AtomicLong smtp = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (String domain : domains) {
            pool.execute(() -> {
                try {
                    scan(domain, resolver, tls, queries, smtp);
                } catch (Exception e) {
                    // a domain that fails is counted as done, as the seed's script moves on
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(7, TimeUnit.DAYS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seed-like: %d domains in %.1f s, %.1f domains/s, %d queries, %d SMTP connections%n",
                domains.size(), seconds, domains.size() / seconds, queries.get(), smtp.get());
    }

    static void scan(String domain, SimpleResolver resolver, SSLContext tls, AtomicLong queries, AtomicLong smtp)
            throws Exception {
        List<String> mx = new ArrayList<>();
        boolean mtaSts = false;
        for (String[] q : QUERIES) {
            Record[] answers = lookup(q[0] + domain, Type.value(q[1]), resolver, queries);
            if (q[1].equals("MX") && answers != null) {
                for (Record r : answers) {
                    mx.add(((MXRecord) r).getTarget().toString(true));
                }
            }
            if (q[0].equals("_mta-sts.") && answers != null && answers.length > 0) {
                mtaSts = true;
            }
        }
        if (mtaSts) {
            // "MTA-STS Web": the policy file, where the record says there is one
            Record[] policyHost = lookup("mta-sts." + domain, Type.A, resolver, queries);
            if (policyHost != null && policyHost.length > 0) {
                https(((org.xbill.DNS.ARecord) policyHost[0]).getAddress(), "mta-sts." + domain,
                        "/.well-known/mta-sts.txt", tls);
            }
        }
        Record[] web = lookup(domain, Type.A, resolver, queries);
        if (web != null && web.length > 0) {
            https(((org.xbill.DNS.ARecord) web[0]).getAddress(), domain, "/.well-known/security.txt", tls);
        }
        for (String host : mx) {
            Record[] a = lookup(host, Type.A, resolver, queries);
            lookup("_25._tcp." + host, Type.TLSA, resolver, queries);
            if (a == null) {
                continue;
            }
            for (Record r : a) {
                InetAddress ip = ((org.xbill.DNS.ARecord) r).getAddress();
                lookup(ReverseMap.fromAddress(ip).toString(), Type.PTR, resolver, queries); // "MXReverseLookup"
                if (!ip.isLoopbackAddress()) {
                    continue; // a bench talks to loopback only
                }
                smtp.incrementAndGet();
                starttls(ip, host, tls);
            }
        }
        // Not done, though the seed does it for every domain: its Microsoft 365 tenant request
        // (an HTTPS GET of login.microsoftonline.com/<domain>/...), a host no bench may reach.
    }

    static Record[] lookup(String name, int type, SimpleResolver resolver, AtomicLong queries) throws Exception {
        queries.incrementAndGet();
        Lookup lookup = new Lookup(Name.fromString(name, Name.root), type);
        lookup.setResolver(resolver);
        lookup.setCache(null); // the seed's script asks the resolver every time
        return lookup.run();
    }

    static void starttls(InetAddress ip, String host, SSLContext tls) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, 25), 10_000);
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(in);
            out.write("EHLO seed-like.test\r\n".getBytes(StandardCharsets.US_ASCII));
            if (!reply(in).contains("STARTTLS")) {
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            if (!reply(in).startsWith("220")) {
                return;
            }
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, 25, false);
            secure.startHandshake();
            secure.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            secure.close();
        } catch (Exception e) {
            // refused, timed out or broken: the seed records it and moves on
        }
    }

    /** GET over TLS with SNI, status line read: the seed's security.txt fetch. */
    static void https(InetAddress ip, String host, String path, SSLContext tls) {
        if (!ip.isLoopbackAddress()) {
            return; // a bench talks to loopback only
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, 443), 10_000);
            socket.setSoTimeout(30_000);
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, 443, true);
            javax.net.ssl.SSLParameters params = secure.getSSLParameters();
            params.setServerNames(List.of(new javax.net.ssl.SNIHostName(host)));
            secure.setSSLParameters(params);
            secure.startHandshake();
            secure.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            secure.getInputStream().readAllBytes();
        } catch (Exception e) {
            // the seed records the failure and moves on
        }
    }

    /** One SMTP reply, every line of it. */
    static String reply(BufferedReader in) throws Exception {
        StringBuilder text = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            text.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                break;
            }
        }
        return text.toString();
    }

    static final class TrustAll implements X509TrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
