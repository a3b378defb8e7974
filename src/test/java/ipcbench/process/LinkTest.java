package ipcbench.process;

import ipcbench.mechanism.DataAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinkTest {
    private static final Link SSH = new Link("10gbe", DataAddress.of("192.0.2.7", "40000-40010"),
            List.of("ssh", "-T", "-o", "BatchMode=yes", "user@far"), "/opt/jdk 17/bin/java",
            "$HOME/.cache/ipcbench/0123456789abcdef/ipcbench.jar");

    @Test
    void linksSurviveTheForkPropertyWhateverTheirText() {
        Link netns = new Link(Link.NETNS, new DataAddress("10.201.3.2", 0, 0),
                List.of("nsenter", "--net=/proc/42/ns/net", "--", "sh", "-c"), null, null);
        assertEquals(List.of(SSH, netns), Link.decode(Link.encode(List.of(SSH, netns))));
        assertEquals(List.of(), Link.decode(null));
    }

    @Test
    void theFarCommandIsOneQuotedShellLineWithTheFarJavaAndJarAndNoLocalFiles() {
        List<String> local = List.of("/usr/lib/jvm/x/bin/java", "--add-opens=a=b", "-XX:SharedArchiveFile=/root/c.jsa",
                "-Xlog:cds*=off", "--sun-misc-unsafe-memory-access=allow", "-cp", "/work/target/benchmarks.jar",
                "ipcbench.process.EchoServerMain", "scratchDir=/tmp/it's here");
        List<String> command = SSH.command(local);
        assertEquals(List.of("ssh", "-T", "-o", "BatchMode=yes", "user@far"), command.subList(0, 5));
        assertEquals("exec '/opt/jdk 17/bin/java' --add-opens=a=b -cp \"$HOME\"/.cache/ipcbench/0123456789abcdef/"
                + "ipcbench.jar ipcbench.process.EchoServerMain 'scratchDir=/tmp/it'\\''s here'", command.get(5));
    }

    @Test
    void aNamespaceHereKeepsThisJvmsCommand() {
        Link netns = new Link(Link.NETNS, new DataAddress("10.201.3.2", 0, 0), List.of("sh", "-c"), null, null);
        assertEquals(List.of("sh", "-c", "exec /j/bin/java -XX:SharedArchiveFile=/c.jsa -cp /a.jar M"),
                netns.command(List.of("/j/bin/java", "-XX:SharedArchiveFile=/c.jsa", "-cp", "/a.jar", "M")));
    }

    @Test
    void labelsAreIdsAndOnlyLoopbackHasNoLauncher() {
        assertThrows(IllegalArgumentException.class, () -> new Link("Ten GbE", DataAddress.LOOPBACK,
                List.of("ssh"), null, null));
        assertThrows(IllegalArgumentException.class, () -> new Link("remote", DataAddress.LOOPBACK, List.of(),
                null, null));
        assertThrows(IllegalArgumentException.class, () -> Link.named("nowhere"));
        assertEquals(Link.LOOPBACK, Link.named("loopback"));
    }
}
