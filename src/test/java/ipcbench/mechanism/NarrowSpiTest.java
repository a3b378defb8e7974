package ipcbench.mechanism;

import ipcbench.mechanism.rpc.RmiMechanism;
import ipcbench.registry.Mechanisms;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mechanism SPI stays narrow: a new mechanism writes at most eight methods of the core (the mechanism and its
 * two ends), and running under load is a capability a mechanism adds, not a method it must refuse.
 */
class NarrowSpiTest {
    private static List<String> abstractMethods(Class<?>... types) {
        return Stream.of(types).flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(m -> Modifier.isAbstract(m.getModifiers()) && !m.isSynthetic())
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).sorted().toList();
    }

    @Test
    void theCoreAsksAtMostEightMethods() {
        List<String> asked = abstractMethods(Mechanism.class, EchoClient.class, EchoServer.class);
        assertEquals(List.of("EchoClient.close", "EchoClient.roundTrip", "EchoClient.stream", "EchoServer.close",
                "EchoServer.serve", "Mechanism.connect", "Mechanism.id", "Mechanism.openServer"), asked);
        assertTrue(asked.size() <= 8, asked.toString());
    }

    @Test
    void loadIsACapabilityOfItsOwn() {
        for (Method method : EchoClient.class.getDeclaredMethods()) {
            assertFalse(List.of("send", "receive", "trySend", "poll", "maxInFlight", "prepareReceiver")
                    .contains(method.getName()), "load methods live in LoadClient: " + method);
        }
        assertEquals(List.of("LoadClient.receive", "LoadClient.send", "PollingLoadClient.poll",
                "PollingLoadClient.trySend"), abstractMethods(LoadClient.class, PollingLoadClient.class));
    }

    @Test
    void aMechanismWithoutTheCapabilityGivesItsReasonAndEveryOtherHasIt() {
        Mechanism rmi = new RmiMechanism();
        assertFalse(rmi instanceof OpenLoad);
        assertTrue(rmi.whyNoLoad().contains("one request per calling thread"), rmi.whyNoLoad());
        for (String id : Mechanisms.ids()) {
            if (!id.equals("rmi")) {
                Mechanism mechanism = Mechanisms.require(id);
                assertTrue(mechanism instanceof OpenLoad, id);
                assertNull(mechanism.whyNoLoad(), id);
            }
        }
    }

    @Test
    void everyRegisteredMechanismHasASummaryLine() {
        for (String id : Mechanisms.ids()) {
            String summary = Mechanisms.summary(id);
            assertFalse(summary.isBlank() || summary.contains("\n"), id + ": " + summary);
        }
    }
}
