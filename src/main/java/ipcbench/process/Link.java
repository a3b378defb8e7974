package ipcbench.process;

import ipcbench.mechanism.DataAddress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a trial's echo child runs, as the client sees it: here, over loopback (the child started directly, its
 * control on a private Unix socket), or through a launcher, in another network namespace or on another host (its
 * control on the launcher's stdin and stdout, its data at {@link #address}). The id is the results' {@code link}
 * value. Immutable.
 *
 * <p>A launcher's words run the child: the last word gets one more argument, a shell command line that the far side
 * runs ({@code ssh} passes its argument to the remote shell; {@code nsenter ... sh -c} and
 * {@code kubectl exec ... sh -c} do the same).
 *
 * @param id        the link's label: {@code loopback}, {@code netns-veth} or the user's
 * @param address   the echo server's data address, as the client dials it
 * @param launcher  the words that start a command over there; empty for loopback
 * @param java      the far side's java command, or null for this JVM's own (a namespace on this machine)
 * @param classPath the far side's class path (the copied jar), or null for this JVM's own
 */
public record Link(String id, DataAddress address, List<String> launcher, String java, String classPath) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final String LOOPBACK_ID = "loopback";
    public static final Link LOOPBACK = new Link(LOOPBACK_ID, DataAddress.LOOPBACK, List.of(), null, null);
    /** The label of the second network namespace's link ({@code --netns}). */
    public static final String NETNS = "netns-veth";
    /** The system property that hands a JMH fork the run's launched links ({@link #encode}). */
    public static final String PROPERTY = "ipcbench.links";
    private static final String HOME = "$HOME/";

    public Link {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a link label is 1-32 of a-z, 0-9 and '-', starting with a letter or"
                    + " digit, not '" + id + "'");
        }
        launcher = List.copyOf(launcher);
        if (launcher.isEmpty() != id.equals(LOOPBACK_ID)) {
            throw new IllegalArgumentException("only the loopback link runs its child without a launcher");
        }
    }

    /** Whether the child is started through the launcher, with its control on stdin and stdout. */
    public boolean launched() {
        return !launcher.isEmpty();
    }

    /**
     * The launcher's command for a child whose local command is {@code local} (java, flags, -cp, class path, main
     * class, arguments): over there the java and class path are the far side's, and the flags that hold only here
     * are dropped ({@link #staysHere}); the whole runs as one shell command line, each word quoted.
     */
    public List<String> command(List<String> local) {
        List<String> far = new ArrayList<>();
        for (int i = 0; i < local.size(); i++) {
            String word = local.get(i);
            if (i == 0 && java != null) {
                far.add(java);
            } else if (word.equals("-cp") && classPath != null) {
                far.add(word);
                far.add(classPath);
                i++;
            } else if (java == null || !staysHere(word)) {
                far.add(word);
            }
        }
        StringBuilder line = new StringBuilder("exec");
        for (String word : far) {
            line.append(' ').append(quoted(word));
        }
        List<String> command = new ArrayList<>(launcher);
        command.add(line.toString());
        return command;
    }

    /**
     * Whether a child JVM flag holds only on this machine: the class-data archive names a local file, and
     * {@link JvmFlags#UNSAFE_MEMORY_ACCESS} exists only from JDK 23 (the far side's JDK may be older).
     */
    private static boolean staysHere(String flag) {
        return flag.startsWith("-XX:SharedArchiveFile=") || flag.startsWith("-XX:ArchiveClassesAtExit=")
                || flag.equals(ClassArchives.QUIET) || flag.equals(JvmFlags.UNSAFE_MEMORY_ACCESS);
    }

    /**
     * {@code word} as one word of a POSIX shell command line. A leading {@code $HOME/} stays outside the quotes, so
     * that the far side's home directory is meant (where remote-setup puts the jar).
     */
    public static String quoted(String word) {
        if (word.startsWith(HOME)) {
            return "\"$HOME\"/" + quoted(word.substring(HOME.length()));
        }
        if (word.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The links as one property value: each link one line, each field Base64 (launcher words too), so any text survives. */
    public static String encode(List<Link> links) {
        StringBuilder text = new StringBuilder();
        for (Link link : links) {
            List<String> fields = new ArrayList<>(List.of(link.id, link.address.host(),
                    String.valueOf(link.address.portsText()), String.valueOf(link.java), String.valueOf(link.classPath)));
            fields.addAll(link.launcher);
            StringBuilder line = new StringBuilder();
            for (String field : fields) {
                line.append(line.length() == 0 ? "" : ".").append(base64(field));
            }
            text.append(text.length() == 0 ? "" : ",").append(line);
        }
        return text.toString();
    }

    /** The links {@link #encode} wrote. */
    public static List<Link> decode(String text) {
        List<Link> links = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return links;
        }
        for (String line : text.split(",")) {
            String[] raw = line.split("\\.", -1);
            List<String> fields = new ArrayList<>();
            for (String field : raw) {
                fields.add(new String(Base64.getUrlDecoder().decode(field), StandardCharsets.UTF_8));
            }
            links.add(new Link(fields.get(0), DataAddress.of(fields.get(1), orNull(fields.get(2))),
                    fields.subList(5, fields.size()), orNull(fields.get(3)), orNull(fields.get(4))));
        }
        return links;
    }

    /** The link with this id: loopback, or one the run handed this fork ({@link #PROPERTY}). */
    public static Link named(String id) {
        if (id.equals(LOOPBACK_ID)) {
            return LOOPBACK;
        }
        for (Link link : decode(System.getProperty(PROPERTY))) {
            if (link.id.equals(id)) {
                return link;
            }
        }
        throw new IllegalArgumentException("no link '" + id + "' in this run (it has loopback"
                + decode(System.getProperty(PROPERTY)).stream().map(l -> ", " + l.id).reduce("", String::concat) + ")");
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String orNull(String field) {
        return field.equals("null") ? null : field;
    }
}
