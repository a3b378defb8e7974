package ipcbench.gate;

import ipcbench.results.ResultKey;
public record PairRow(int round, String order, ResultKey key, Metric metric, double baseValue, double headValue,
                      String baseStartedAt, String headStartedAt) {
}
