package ipcbench.cli;

import ipcbench.mechanism.Availability;
import ipcbench.mechanism.Mechanism;
import ipcbench.mechanism.WaitStrategy;
import ipcbench.registry.Mechanisms;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code list}: every mechanism, whether it can run here (and why not), its largest message, the wait strategies it
 * offers ({@code --wait}), whether it crosses hosts ({@code --netns}, {@code --server-host}; why not), what it is.
 */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Every mechanism: whether it can run here (and why not), its largest message, what one round"
                + " trip is.")
final class ListCommand implements Callable<Integer> {
    private final Main.Context context;

    ListCommand(Main.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return run(context.out());
    }

    static int run(PrintStream out) {
        out.printf("%-10s  %-9s  %-10s  %-10s  %-6s  %s%n", "mechanism", "runs here", "max size", "waits", "hosts",
                "what one round trip is");
        for (Mechanism mechanism : Mechanisms.all()) {
            Availability availability = mechanism.availability();
            out.printf("%-10s  %-9s  %-10s  %-10s  %-6s  %s%n", mechanism.id(), availability.available() ? "yes" : "no",
                    availability.available() ? Sizes.format(mechanism.maxPayloadBytes()) : "-",
                    WaitStrategy.ids(mechanism.waits()), mechanism.whyHostLocal() == null ? "cross" : "one",
                    Mechanisms.summary(mechanism.id()));
            if (!availability.available()) {
                out.printf("%-10s  %-9s  %-10s  %-10s  %-6s  why not: %s%n", "", "", "", "", "",
                        availability.reason());
            }
            if (mechanism.whyHostLocal() != null) {
                out.printf("%-10s  %-9s  %-10s  %-10s  %-6s  one host: %s%n", "", "", "", "", "",
                        mechanism.whyHostLocal());
            }
        }
        return 0;
    }
}
