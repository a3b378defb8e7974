package ipcbench.process;

import ipcbench.mechanism.Exchange;
import ipcbench.mechanism.Io;
import ipcbench.registry.Mechanisms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A parent JVM for tests that kill it or watch what it loads: with the log directory first, opens one session per
 * mechanism named in the other arguments (an id, {@code id:direct} for the direct io path, {@code id@<link>}
 * with the child across a link, as {@link Link#encode} writes one, or {@code id#fanoutN} for a fan-out to N
 * subscribers) and prints {@code <child pid> <private directory>} for each child once its objects exist, then
 * {@code READY}. It then waits for
 * end-of-file on stdin, closes the sessions and exits.
 */
public final class SessionHolderMain {
    public static final String READY = "READY";
    /** Between a mechanism and its subscribers in a fan-out argument: {@code shm#fanout2}. */
    static final String FAN_OUT = "#fanout";

    private SessionHolderMain() {
    }

    /** Starts a holder JVM with the children's flags, {@code environment} added to its own (and so its children's). */
    public static Process start(Path logs, Map<String, String> environment, String... ids) throws IOException {
        List<String> command = JvmFlags.childCommand(SessionHolderMain.class.getName());
        command.add(logs.toString());
        command.addAll(Arrays.asList(ids));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        return builder.start();
    }

    public static void main(String[] args) throws Exception {
        Path logs = Path.of(args[0]);
        List<AutoCloseable> sessions = new ArrayList<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            if (arg.contains(FAN_OUT)) {
                String[] idAndFan = arg.split(FAN_OUT, 2);
                int count = Integer.parseInt(idAndFan[1]);
                Subscribers subscribers = Subscribers.open(SessionSpec.of(Mechanisms.require(idAndFan[0]),
                        Exchange.LATENCY, 64), count, logs);
                sessions.add(subscribers);
                for (int i = 0; i < count; i++) {
                    Path dir = subscribers.scratchDirs().get(Math.min(i, subscribers.scratchDirs().size() - 1));
                    System.out.println(subscribers.process(i).pid() + " " + dir);
                }
                continue;
            }
            // "pipe:direct": the session goes through the direct io path; "tcp@<link>": its child is across a link
            String[] idAndLink = arg.split("@", 2);
            Link link = idAndLink.length > 1 ? Link.decode(idAndLink[1]).get(0) : Link.LOOPBACK;
            String[] idAndIo = idAndLink[0].split(":", 2);
            Io io = idAndIo.length > 1 ? Io.parse(idAndIo[1]) : Io.JDK;
            EchoSession session = EchoSession.open(SessionSpec.of(Mechanisms.require(idAndIo[0]), Exchange.LATENCY, 64)
                    .through(io).over(link), logs);
            sessions.add(session);
            System.out.println(session.serverProcess().pid() + " " + session.trial().scratchDir());
        }
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the test to close stdin, or to kill this process
        }
        for (AutoCloseable session : sessions) {
            session.close();
        }
    }
}
