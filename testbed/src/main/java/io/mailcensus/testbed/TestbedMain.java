package io.mailcensus.testbed;

import io.mailcensus.testbed.server.AddressPlan;
import io.mailcensus.testbed.server.DnsServers;
import io.mailcensus.testbed.zone.ServerAddress;
import io.mailcensus.testbed.zone.WebShape;
import io.mailcensus.testbed.zone.ZoneLayout;
import io.mailcensus.testbed.server.LinkDelay;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import io.mailcensus.testbed.mutate.ExpectedChange;
import io.mailcensus.testbed.mutate.Mutation;
import io.mailcensus.testbed.mutate.Mutator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a testbed up and down from a shell, idempotently:
 *
 * <pre>
 * TestbedMain up     --dir DIR [--domains N] [--seed S] [--tld T] [--timeout SECONDS] [--servers yes|no]
 *                    [--latency MS] [--loss PCT] [--parked-share F] [--web-rate-limit PER_SECOND] [--hosted-share F]
 * TestbedMain status --dir DIR
 * TestbedMain down   --dir DIR
 * TestbedMain connections --dir DIR
 * TestbedMain mutate --dir DIR [--seed S] [--fraction F] [--exclude FILE]
 * </pre>
 *
 * {@code --servers yes} also runs Postfix and nginx on the generated MX and web addresses;
 * {@code connections} prints {@code ip<TAB>smtp_connections<TAB>https_requests<TAB>https_connections} per listening
 * address from Postfix's log and nginx's access log, then a {@code total} line.
 *
 * {@code up} on a running testbed with the same inputs only prints its addresses; the servers
 * run on after the command returns (pid files under DIR/run). Exit codes: 0 ok, 1 failure,
 * 2 usage, 3 {@code status} found the testbed (partly) down. {@code --latency 20} puts 20 ms of
 * round trip between Unbound and Knot, {@code --loss 0.5} drops 0.5% of their UDP packets each way
 * ({@link io.mailcensus.testbed.server.DelayRelay}).
 */
public final class TestbedMain {

    private TestbedMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err, "missing command");
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return usage(err, "bad argument " + args[i]);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        if (!opts.containsKey("dir")) {
            return usage(err, "--dir is required");
        }
        Path dir = Path.of(opts.get("dir")).toAbsolutePath();
        try {
            return switch (args[0]) {
                case "up" -> up(dir, opts, out, err);
                case "down" -> down(dir, out);
                case "status" -> status(dir, out);
                case "connections" -> connections(dir, out);
                case "mutate" -> mutate(dir, opts, out, err);
                default -> usage(err, "unknown command " + args[0]);
            };
        } catch (NumberFormatException e) {
            return usage(err, "not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException | RuntimeException e) {
            err.println("testbed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("testbed: interrupted");
            return 1;
        }
    }

    private static int up(Path dir, Map<String, String> opts, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        TestbedOptions options = TestbedOptions.of(dir,
                        Integer.parseInt(opts.getOrDefault("domains", "1000")),
                        Long.parseLong(opts.getOrDefault("seed", "1")))
                .withTld(opts.getOrDefault("tld", "test"))
                .withReadyTimeout(Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout", "300"))))
                .withLatency(Duration.ofNanos(Math.round(number(opts.getOrDefault("latency", "0"), "ms") * 1e6)))
                .withLoss(number(opts.getOrDefault("loss", "0"), "%") / 100)
                .withDetached(true)
                .withServers(yesNo(opts.getOrDefault("servers", "no")))
                .withWeb(new WebShape(number(opts.getOrDefault("parked-share", Double.toString(WebShape.DEFAULT.parkedShare())), ""),
                        Integer.parseInt(opts.getOrDefault("web-rate-limit", "0")),
                        number(opts.getOrDefault("hosted-share", "0"), "")));
        Optional<TestbedState> state = TestbedState.read(dir);
        if (allRunning(dir) && state.isPresent()) {
            if (!state.get().sameInputs(options)) {
                err.println("testbed: " + dir + " runs with domains=" + state.get().domains() + " seed="
                        + state.get().seed() + " tld=" + state.get().tld() + " servers=" + state.get().servers()
                        + " link " + state.get().link().describe()
                        + "; run down first");
                return 1;
            }
            out.println("already up");
            printAddresses(new AddressPlan(state.get().block()), state.get().link(), dir, out);
            printServers(state.get().servers(), dir, out);
            return 0;
        }
        DnsTestbed testbed = DnsTestbed.start(options); // detached: not closed, the servers run on
        out.println("up");
        printAddresses(testbed.addresses(), options.link(), dir, out);
        printServers(options.servers(), dir, out);
        out.printf("started in %.2f s (zones %.2f s, servers %.2f s%s)%n",
                seconds(testbed.generationTime().plus(testbed.serverStartTime())
                        .plus(testbed.applicationServerStartTime())),
                seconds(testbed.generationTime()), seconds(testbed.serverStartTime()),
                options.servers() ? String.format(", mail and web %.2f s", seconds(testbed.applicationServerStartTime())) : "");
        return 0;
    }

    /**
     * Changes {@code --fraction} of the running testbed's domains (DMARC policy, SPF all, a bogus
     * DS, and with --servers yes a mail server's STARTTLS off or an expired certificate) and
     * writes the changes a scanner's feed must then report to expected-changes.tsv.
     */
    private static int mutate(Path dir, Map<String, String> opts, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        Optional<TestbedState> state = TestbedState.read(dir);
        if (state.isEmpty() || !allRunning(dir)) {
            err.println("testbed: mutate needs the testbed in " + dir + " up");
            return 1;
        }
        long seed = Long.parseLong(opts.getOrDefault("seed", "1"));
        double fraction = number(opts.getOrDefault("fraction", "0.05"), "");
        java.util.Set<String> exclude = new java.util.HashSet<>();
        if (opts.containsKey("exclude")) {
            java.nio.file.Files.readAllLines(Path.of(opts.get("exclude"))).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(exclude::add);
        }
        List<Mutation> mutations = Mutator.plan(dir, seed, fraction, state.get().servers(), exclude);
        List<ExpectedChange> changes = Mutator.apply(dir, mutations, new AddressPlan(state.get().block()),
                state.get().tld(), state.get().servers());
        out.println("mutated " + mutations.size() + " domains " + Mutator.count(mutations));
        out.println("expected " + changes.size() + " changes " + dir.resolve(ExpectedChange.FILE));
        return 0;
    }

    private static int down(Path dir, PrintStream out) throws IOException {
        boolean any = TestbedServers.stopAll(dir);
        any |= DnsServers.stopAll(dir);
        out.println(any ? "down" : "already down");
        return 0;
    }

    /** Per listening address: SMTP connections (Postfix's log), HTTPS requests and connections (nginx's access log). */
    private static int connections(Path dir, PrintStream out) throws IOException {
        Map<String, Integer> smtp = TestbedServers.smtpConnections(dir);
        Map<String, Integer> https = TestbedServers.httpsRequests(dir);
        Map<String, Integer> httpsConnections = TestbedServers.httpsConnections(dir);
        java.util.Set<String> ips = new java.util.TreeSet<>(TestbedMain::byAddress);
        for (ServerAddress a : ServerAddress.read(new ZoneLayout(dir).serverAddressesFile())) {
            if (a.listens()) {
                ips.add(a.ip());
            }
        }
        ips.addAll(smtp.keySet());
        ips.addAll(https.keySet());
        out.println("ip\tsmtp_connections\thttps_requests\thttps_connections");
        long smtpTotal = 0;
        long httpsTotal = 0;
        long httpsConnectionsTotal = 0;
        for (String ip : ips) {
            int s = smtp.getOrDefault(ip, 0);
            int h = https.getOrDefault(ip, 0);
            int c = httpsConnections.getOrDefault(ip, 0);
            out.println(ip + "\t" + s + "\t" + h + "\t" + c);
            smtpTotal += s;
            httpsTotal += h;
            httpsConnectionsTotal += c;
        }
        out.println("total\t" + smtpTotal + "\t" + httpsTotal + "\t" + httpsConnectionsTotal);
        return 0;
    }

    private static int byAddress(String a, String b) {
        return java.util.Arrays.compare(java.util.Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray(),
                java.util.Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray());
    }

    private static boolean yesNo(String value) {
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("--servers takes yes or no, not " + value);
        };
    }

    private static void printServers(boolean servers, Path dir, PrintStream out) {
        if (servers) {
            out.println("ca " + TestbedServers.caFile(dir));
            out.println("servers " + new ZoneLayout(dir).serverAddressesFile());
        }
    }

    private static int status(Path dir, PrintStream out) throws IOException {
        Optional<TestbedState> state = TestbedState.read(dir);
        processes(dir, state).forEach((server, process) -> out.println(
                server + " " + process.map(p -> "running pid " + p.pid()).orElse("stopped")));
        if (state.isPresent() && allRunning(dir)) {
            printAddresses(new AddressPlan(state.get().block()), state.get().link(), dir, out);
            printServers(state.get().servers(), dir, out);
            return 0;
        }
        return 3;
    }

    private static Map<String, Optional<ProcessHandle>> processes(Path dir, Optional<TestbedState> state) {
        Map<String, Optional<ProcessHandle>> all = new java.util.LinkedHashMap<>(DnsServers.status(dir));
        if (state.isPresent() && state.get().servers()) {
            all.putAll(TestbedServers.status(dir));
        }
        return all;
    }

    private static boolean allRunning(Path dir) throws IOException {
        return processes(dir, TestbedState.read(dir)).values().stream().allMatch(Optional::isPresent);
    }

    private static void printAddresses(AddressPlan plan, LinkDelay link, Path dir, PrintStream out) {
        out.println("resolver " + plan.resolver().getHostAddress() + ":" + AddressPlan.PORT);
        out.println("authoritative " + plan.authoritative().getHostAddress() + ":" + AddressPlan.PORT);
        if (link.isOn()) {
            out.println("link " + link.describe() + " (delay relay in front of knotd at "
                    + plan.authoritativeBehindRelay().getHostAddress() + ":" + AddressPlan.PORT + ")");
        }
        out.println("domains " + dir.resolve("domains.txt"));
        out.println("truth " + dir.resolve("truth.json"));
        out.println("trust-anchor " + DnsServers.trustAnchorFile(dir));
    }

    /** "20", "20ms", "0.5", "0.5%": the number, without the unit. */
    private static double number(String s, String unit) {
        String t = s.strip();
        return Double.parseDouble(t.endsWith(unit) ? t.substring(0, t.length() - unit.length()).strip() : t);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("testbed: " + problem);
        err.println("usage: TestbedMain up|down|status|connections|mutate --dir DIR [--domains N] [--seed S] [--tld T]"
                + " [--timeout SECONDS] [--servers yes|no] [--latency MS] [--loss PCT]"
                + " [--parked-share F] [--web-rate-limit PER_SECOND] [--hosted-share F] (mutate: [--seed S] [--fraction F] [--exclude FILE])");
        return 2;
    }
}
