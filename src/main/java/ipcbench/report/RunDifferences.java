package ipcbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What differs between two runs besides the code under test: environment (host, kernel, CPU, JDK, JVM flags,
 * pinned CPUs) and options (profile, iterations, forks, placement, payload sizes, mechanisms...). The run's identity
 * (id, times, commit, java home path) is expected to differ and is left out.
 */
final class RunDifferences {
    static final Set<String> IDENTITY_FIELDS = Set.of("run", "started / finished", "ipcbench commit", "java home");

    private RunDifferences() {
    }

    /** Every field that may change a result, environment first: name → value. */
    static Map<String, String> comparableFields(RunData run) {
        Map<String, String> fields = new LinkedHashMap<>();
        RunTables.environment(run).forEach((key, value) -> {
            if (!IDENTITY_FIELDS.contains(key)) {
                fields.put(key, value);
            }
        });
        RunTables.options(run).forEach((key, value) -> fields.put("option " + key, value));
        fields.put("placements measured", String.join(" ", run.placements()));
        return fields;
    }

    /** One sentence per differing field: "kernel: A (baseline) vs B (current)". */
    static List<String> describe(RunData baseline, RunData current) {
        Map<String, String> before = comparableFields(baseline);
        Map<String, String> after = comparableFields(current);
        List<String> differences = new ArrayList<>();
        for (String key : union(before, after)) {
            String a = before.getOrDefault(key, "absent");
            String b = after.getOrDefault(key, "absent");
            if (!Objects.equals(a, b)) {
                differences.add(key + " differs: " + a + " (baseline) vs " + b + " (current)");
            }
        }
        return differences;
    }

    static List<String> union(Map<String, String> first, Map<String, String> second) {
        List<String> keys = new ArrayList<>(first.keySet());
        second.keySet().stream().filter(key -> !first.containsKey(key)).forEach(keys::add);
        return keys;
    }
}
