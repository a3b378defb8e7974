package ipcbench.mechanism;

/** The checks made before any process starts: can the mechanism run here, and does the payload fit. */
public final class MechanismLimits {
    private MechanismLimits() {
    }

    /** Null when {@code payloadBytes} can be measured with {@code mechanism} here, else why not, in one line. */
    public static String whyNot(Mechanism mechanism, int payloadBytes) {
        Availability availability = mechanism.availability();
        if (!availability.available()) {
            return mechanism.id() + ": not available here: " + availability.reason();
        }
        if (payloadBytes < 1) {
            return mechanism.id() + ": payload " + payloadBytes + " B is too small; the smallest is 1 B";
        }
        if (payloadBytes > mechanism.maxPayloadBytes()) {
            return mechanism.id() + ": payload " + payloadBytes + " B exceeds its limit of "
                    + mechanism.maxPayloadBytes() + " B";
        }
        return null;
    }

    public static void require(Mechanism mechanism, int payloadBytes) {
        String why = whyNot(mechanism, payloadBytes);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
    }
}
