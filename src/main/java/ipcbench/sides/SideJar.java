package ipcbench.sides;

import java.nio.file.Path;

/**
 * One side of a gate, ready to measure: the benchmarks jar it runs and where it came from. {@code commit} is the git
 * commit the jar was built from (null for a jar given as such); {@code dirty} marks a build of a checkout with
 * uncommitted changes, which is never cached. {@code sha256} identifies the jar's bytes whatever its origin.
 */
public record SideJar(String name, String given, Kind kind, String commit, boolean dirty, Path jar, String sha256) {
    /** What the user named: a revision of this repository, a checkout directory, or a built jar. */
    public enum Kind {
        REVISION, CHECKOUT, JAR;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
