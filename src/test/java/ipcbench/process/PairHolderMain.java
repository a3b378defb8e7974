package ipcbench.process;

import ipcbench.mechanism.WaitStrategy;
import ipcbench.os.Placement;
import ipcbench.registry.Mechanisms;

import java.nio.file.Path;
import java.util.List;

/**
 * A parent JVM for the test that SIGKILLs it: runs one native pair ({@code args}: binary, mechanism, log directory)
 * whose warm-up lasts a minute, so the pair and its server child are alive when the test kills this JVM.
 */
public final class PairHolderMain {
    private PairHolderMain() {
    }

    public static Process start(Path binary, String mechanism, Path logs) throws java.io.IOException {
        List<String> command = JvmFlags.childCommand(PairHolderMain.class.getName());
        command.addAll(List.of(binary.toString(), mechanism, logs.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    public static void main(String[] args) throws Exception {
        NativePair.run(Path.of(args[0]), Mechanisms.require(args[1]), 64, false, Placement.NONE, WaitStrategy.BLOCK,
                new NativePair.Iterations(1, 60_000, 1, 100), Path.of(args[2]));
    }
}
