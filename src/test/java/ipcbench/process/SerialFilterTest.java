package ipcbench.process;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The allow-lists decide as their class comment says: what each JVM reads passes, a stranger's class does not. */
class SerialFilterTest {
    @Test
    void theEchoChildReadsByteArraysAndNothingElse() throws Exception {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) read(SerialFilter.ECHO_CHILD, new byte[] {1, 2, 3}));
        HashMap<String, String> map = new HashMap<>();
        map.put("a", "b");
        assertThrows(InvalidClassException.class, () -> read(SerialFilter.ECHO_CHILD, map));
    }

    @Test
    void jmhsListTakesItsCollectionsButNotALibrarysClass() throws Exception {
        List<Object> frame = new ArrayList<>(List.of(1, "x", 2.5));
        assertEquals(frame, read(SerialFilter.JMH, frame));
        assertThrows(InvalidClassException.class, () -> read(SerialFilter.JMH, javaxGadget()));
    }

    @Test
    void depthIsBounded() {
        Object nested = new Object[0];
        for (int i = 0; i < 30; i++) {
            nested = new Object[] {nested};
        }
        Object deep = nested;
        assertThrows(InvalidClassException.class, () -> read(SerialFilter.JMH, deep));
    }

    /** A JDK class outside the lists that gadget chains start from (its readObject calls toString on a field). */
    private static Object javaxGadget() {
        return new javax.management.BadAttributeValueExpException("x");
    }

    private static Object read(String pattern, Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(pattern));
            return in.readObject();
        }
    }
}
