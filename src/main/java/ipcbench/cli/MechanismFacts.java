package ipcbench.cli;

import ipcbench.registry.Mechanisms;
import ipcbench.results.RunInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What run.json says about each mechanism of a run, so that reports and comparisons read files only. */
final class MechanismFacts {
    private MechanismFacts() {
    }

    /** The measured mechanisms and the skipped ones, in display order. */
    static List<RunInfo.MechanismInfo> describe(List<String> measured, List<RunInfo.Skipped> skipped) {
        Set<String> named = new LinkedHashSet<>(measured);
        skipped.forEach(s -> named.add(s.mechanism()));
        List<String> order = Mechanisms.ids();
        List<RunInfo.MechanismInfo> described = new ArrayList<>();
        for (String id : order) {
            if (named.contains(id)) {
                described.add(new RunInfo.MechanismInfo(id, Mechanisms.family(id), Mechanisms.summary(id),
                        order.indexOf(id)));
            }
        }
        return described;
    }
}
