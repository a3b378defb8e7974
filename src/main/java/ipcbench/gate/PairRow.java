package ipcbench.gate;
public record PairRow(int round, String order, RowKey key, Metric metric, double baseValue, double headValue,
                      String baseStartedAt, String headStartedAt) {
}
