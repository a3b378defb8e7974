package ipcbench.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: the pom version, the git commit of the checkout when known, and the JDK running. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String commit = HostFacts.gitCommit(Main.home());
        return new String[] {
            "ipcbench " + pomVersion() + (commit.equals("unknown") ? "" : " (commit " + commit + ")"),
            "JDK " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** The version Maven filtered into ipcbench/version.properties, or "unknown" outside a build. */
    static String pomVersion() {
        try (InputStream in = Version.class.getResourceAsStream("/ipcbench/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException unreadable) {
            return "unknown";
        }
    }
}
