package ipcbench.cli;

import com.google.gson.Gson;
import ipcbench.results.RunInfo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What the far end of a link says about itself, run there through the launcher before anything is measured: one
 * line {@code IPCBENCH-FACTS <sha256 of its jar>}, then its machine ({@link RunInfo.Environment}) as one line of
 * JSON. The parent compares the jar's hash with its own (the same code on both ends) and records the machine.
 */
public final class FarFacts {
    static final String MARK = "IPCBENCH-FACTS ";
    private static final Gson GSON = new Gson();

    private FarFacts() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(MARK + jarSha256());
        System.out.println(GSON.toJson(HostFacts.environment(List.of(), List.of(), List.of())));
    }

    /** The sha-256 of the jar this class was loaded from; fails when it was not loaded from a jar. */
    static String jarSha256() throws IOException {
        Path jar = jar();
        try (InputStream in = new DigestInputStream(Files.newInputStream(jar), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The benchmarks jar this class was loaded from. */
    static Path jar() throws IOException {
        try {
            Path location = Path.of(FarFacts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new IOException("a far end runs the benchmarks jar, and this run is not running from one ("
                        + location + "): run it through ./run-bench.sh");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IOException("cannot tell where the benchmarks jar is: " + e.getMessage(), e);
        }
    }

    /** The facts from the far end's output; fails saying what it printed instead. */
    static Parsed parse(String output) throws IOException {
        List<String> lines = output.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith(MARK)) {
                try {
                    return new Parsed(lines.get(i).substring(MARK.length()).trim(),
                            GSON.fromJson(lines.get(i + 1), RunInfo.Environment.class));
                } catch (RuntimeException e) {
                    throw new IOException("its description does not read: " + e.getMessage(), e);
                }
            }
        }
        String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        throw new IOException(last.length() > 200 ? last.substring(0, 200) + "..." : last);
    }

    /** The far end's jar hash and machine. */
    record Parsed(String jarSha256, RunInfo.Environment environment) {
    }
}
