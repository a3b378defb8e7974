package ipcbench.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The kernel's CPU list format ("0-3,8,10-11"): parsing and printing. */
final class CpuList {
    private CpuList() {
    }

    /** The CPUs of a list; tokens that are not numbers or ranges (e.g. isolcpus flags, "(null)") are skipped. */
    static List<Integer> parse(String list) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String token : list.trim().split(",")) {
            String t = token.trim();
            if (t.matches("\\d+")) {
                cpus.add(Integer.parseInt(t));
            } else if (t.matches("\\d+-\\d+")) {
                int dash = t.indexOf('-');
                int from = Integer.parseInt(t.substring(0, dash));
                int to = Integer.parseInt(t.substring(dash + 1));
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            }
        }
        return new ArrayList<>(cpus);
    }

    static String format(List<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(sorted.get(i));
            if (j > i) {
                out.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
