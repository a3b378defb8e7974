package ipcbench.mechanism;

/** Whether a mechanism can run on this host; {@code reason} says why not (empty when it can). */
public record Availability(boolean available, String reason) {
    public static final Availability AVAILABLE = new Availability(true, "");

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
