package ipcbench.cli;

import ipcbench.mechanism.DataAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The far end of a run's link, as its options gave it, checked for form: a second network namespace here
 * ({@code --netns}) or a host reached through a launcher ({@code --server-host}). Null in a {@link RunConfig} whose
 * run stays on loopback. Opening it ({@link FarLinks}) is the run's business.
 *
 * @param netns       whether the far end is a network namespace here
 * @param serverHost  the launcher's destination ({@code {host}}), or null with --netns
 * @param launcher    the launcher's template, words split on spaces, {@code {host}} in one of them
 * @param serverAddr  the far end's IP address as the client dials it (with --netns: chosen when it is made)
 * @param label       the link's id in results: {@code netns-veth}, or --link (default {@code remote})
 * @param dataPorts   {@code A-B}, the ports the far end's servers may listen on, or null for any
 * @param remoteJava  the far side's java command
 * @param linkRate    tc's rate for both ends of the veth pair, or null
 * @param linkDelayMs netem's delay for both ends, or null
 */
record FarEnd(boolean netns, String serverHost, String launcher, String serverAddr, String label, String dataPorts,
              String remoteJava, String linkRate, Integer linkDelayMs) {
    static final String DEFAULT_LAUNCHER = "ssh -T -o BatchMode=yes {host}";
    static final String DEFAULT_LABEL = "remote";
    static final String DEFAULT_JAVA = "java";
    /** A destination: a host name, address or user@host; never an option (a leading '-' would be one to ssh). */
    private static final Pattern DESTINATION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@:%\\[\\]-]{0,252}");
    private static final Pattern RATE = Pattern.compile("[0-9]{1,9}(bit|kbit|mbit|gbit|bps|kbps|mbps|gbps)");

    /** The launcher's words for {@code destination}: the template split on spaces, {@code {host}} replaced. */
    static List<String> launcherWords(String template, String destination) {
        List<String> words = new ArrayList<>();
        for (String word : template.trim().split(" +")) {
            words.add(word.replace("{host}", destination));
        }
        return words;
    }

    /** Checks each value's form; the message says which option and why. */
    static void check(boolean netns, String serverHost, String launcher, String serverAddr, String label,
                      String dataPorts, String remoteJava, String linkRate, Integer linkDelayMs)
            throws UsageException {
        if (netns && serverHost != null) {
            throw new UsageException("--netns and --server-host are two different far ends; give one");
        }
        if (!netns && serverHost == null) {
            for (String[] option : new String[][] {{"--server-addr", serverAddr}, {"--data-ports", dataPorts},
                    {"--link-rate", linkRate}, {"--link-delay", linkDelayMs == null ? null : ""}}) {
                if (option[1] != null) {
                    throw new UsageException(option[0] + " needs --netns or --server-host");
                }
            }
        }
        if (serverHost == null && (launcher != null || label != null || remoteJava != null)) {
            throw new UsageException((launcher != null ? "--launcher" : label != null ? "--link" : "--remote-java")
                    + " needs --server-host");
        }
        if (serverHost != null) {
            if (!DESTINATION.matcher(serverHost).matches()) {
                throw new UsageException("--server-host '" + serverHost + "' is not a host name, address or"
                        + " user@host");
            }
            if (serverAddr == null) {
                throw new UsageException("--server-host needs --server-addr, the far end's IP address as this host"
                        + " dials it");
            }
            if (launcher != null && !launcher.contains("{host}")) {
                throw new UsageException("--launcher '" + launcher + "' has no {host} to put " + serverHost + " in");
            }
            if (linkRate != null || linkDelayMs != null) {
                throw new UsageException((linkRate != null ? "--link-rate" : "--link-delay") + " shapes the --netns"
                        + " link only; shape a real link on its hosts");
            }
        }
        if (netns && serverAddr != null) {
            throw new UsageException("--server-addr does not apply to --netns, which chooses its own addresses");
        }
        try {
            DataAddress.of(serverAddr != null ? serverAddr : DataAddress.LOOPBACK.host(), dataPorts);
        } catch (IllegalArgumentException e) {
            throw new UsageException((serverAddr != null && e.getMessage().contains("IP address") ? "--server-addr: "
                    : "--data-ports: ") + e.getMessage());
        }
        if (label != null && (label.equals("loopback") || label.equals(ipcbench.process.Link.NETNS)
                || !label.matches("[a-z0-9][a-z0-9-]{0,31}"))) {
            throw new UsageException("--link '" + label + "': a label is 1-32 of a-z, 0-9 and '-', other than"
                    + " loopback and netns-veth");
        }
        if (linkRate != null && !RATE.matcher(linkRate).matches()) {
            throw new UsageException("--link-rate '" + linkRate + "' is not a tc rate such as 100mbit or 1gbit");
        }
        if (linkDelayMs != null && (linkDelayMs < 1 || linkDelayMs > 10_000)) {
            throw new UsageException("--link-delay takes 1 to 10000 ms, not " + linkDelayMs);
        }
    }
}
