package ipcbench.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SizesTest {
    @Test
    void binarySuffixesInEitherCase() throws UsageException {
        assertEquals(64, Sizes.parse("64"));
        assertEquals(1024, Sizes.parse("1k"));
        assertEquals(65536, Sizes.parse("64K"));
        assertEquals(1 << 20, Sizes.parse("1m"));
        assertEquals(64 << 20, Sizes.parse("64M"));
    }

    @Test
    void aListIsSortedWithoutDuplicates() throws UsageException {
        assertEquals(List.of(64, 1024, 65536), Sizes.parseList("64k, 1k,64,1024"));
    }

    @Test
    void refusesWhatIsNotASize() {
        for (String bad : List.of("0", "-1", "0k", "abc", "1g", "", "k", "1.5k", "65m", "99999999999")) {
            UsageException e = assertThrows(UsageException.class, () -> Sizes.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(UsageException.class, () -> Sizes.parseList("64,,1k"));
    }

    @Test
    void formatsExactBinaryMultiples() {
        assertEquals("64 B", Sizes.format(64));
        assertEquals("1 KiB", Sizes.format(1024));
        assertEquals("1536 B", Sizes.format(1536));
        assertEquals("64 MiB", Sizes.format(64 << 20));
        assertEquals("1025 KiB", Sizes.format(1025 << 10));
    }
}
