package ipcbench.registry;

import ipcbench.mechanism.Mechanism;
import org.junit.jupiter.api.Assumptions;

/** For tests of real mechanisms: the mechanism with an id, or the test skipped with the reason it cannot run here. */
public final class RunnableHere {
    private RunnableHere() {
    }

    public static Mechanism orSkip(String id) {
        Mechanism mechanism = Mechanisms.require(id);
        Assumptions.assumeTrue(mechanism.availability().available(),
                () -> id + " cannot run here: " + mechanism.availability().reason());
        return mechanism;
    }
}
