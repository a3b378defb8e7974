package ipcbench.gate;

import java.util.List;

/** The rows of a comparison, its warnings about the statistics, and the options it used. */
public record GateResult(List<GateRow> rows, List<String> warnings, GateOptions options) {
    public long count(Outcome outcome) {
        return rows.stream().filter(row -> row.outcome() == outcome).count();
    }

    /** 1 when any row is a regression, else 0. */
    public int exitCode() {
        return count(Outcome.REGRESSION) > 0 ? 1 : 0;
    }
}
