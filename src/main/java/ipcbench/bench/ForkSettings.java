package ipcbench.bench;

import java.nio.file.Path;

/**
 * What the CLI tells each JMH fork beyond JMH's own parameters, as system properties:
 * {@code ipcbench.results} (the run directory; histograms and child logs go there), {@code ipcbench.verify}
 * (check every echoed byte). Without them — benchmarks.jar run directly — results go to {@code results/direct}.
 */
public final class ForkSettings {
    public static final String RESULTS_PROPERTY = "ipcbench.results";
    public static final String VERIFY_PROPERTY = "ipcbench.verify";

    private ForkSettings() {
    }

    static Path resultsDir() {
        return Path.of(System.getProperty(RESULTS_PROPERTY, "results/direct")).toAbsolutePath();
    }

    static boolean verify() {
        return Boolean.getBoolean(VERIFY_PROPERTY);
    }
}
