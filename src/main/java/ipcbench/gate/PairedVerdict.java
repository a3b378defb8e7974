package ipcbench.gate;

import java.util.List;

/** A paired gate's rows and the options they were judged with. It fails (exit 1) only on a gated regression. */
public record PairedVerdict(List<PairedRow> rows, PairedOptions options) {
    public PairedVerdict {
        rows = List.copyOf(rows);
    }

    public int exitCode() {
        return rows.stream().anyMatch(row -> row.outcome() == PairedOutcome.REGRESSION) ? 1 : 0;
    }
}
