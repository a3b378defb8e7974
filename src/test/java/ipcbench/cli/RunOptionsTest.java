package ipcbench.cli;

import ipcbench.bench.Profile;
import ipcbench.os.Placement;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunOptionsTest {
    @Test
    void parsesEveryOptionInBothSpellings() throws UsageException {
        RunConfig o = RunOptions.parse(List.of("--mechanisms", "tcp,uds,tcp", "--sizes=1m,64,1k", "--mode", "latency",
                "--profile=smoke", "--pin", "same", "--results", "out", "--verify", "--no-wait", "--", "-prof", "gc"));
        assertEquals(List.of("tcp", "uds"), o.mechanisms());
        assertTrue(o.mechanismsExplicit());
        assertEquals(List.of(64, 1024, 1 << 20), o.sizes());
        assertEquals(RunConfig.Mode.LATENCY, o.mode());
        assertEquals(Profile.SMOKE, o.profile());
        assertEquals(Placement.SAME, o.placement());
        assertEquals(Path.of("out"), o.results());
        assertTrue(o.verify());
        assertTrue(o.noWait());
        assertEquals(List.of("-prof", "gc"), o.jmhArgs());
    }

    @Test
    void defaultsAreTheDocumentedOnes() throws UsageException {
        RunConfig o = RunOptions.parse(List.of());
        assertFalse(o.mechanismsExplicit());
        assertEquals(List.of(64, 65536), o.sizes());
        assertFalse(o.noWait(), "a second run waits by default");
        assertEquals(RunConfig.Mode.BOTH, o.mode());
        assertEquals(Profile.QUICK, o.profile());
        assertEquals(null, o.placement(), "decided by the plan from the CPU count");
    }

    @Test
    void everyOptionTakesTheEqualsForm() throws UsageException {
        RunConfig o = RunOptions.parse(List.of("--mechanisms=tcp,uds", "--sizes=64", "--mode=load",
                "--profile=ci", "--pin=cross", "--results=out", "--wait=block", "--rates=50%,100%"));
        assertEquals(List.of("tcp", "uds"), o.mechanisms());
        assertEquals(List.of(64), o.sizes());
        assertEquals(RunConfig.Mode.LOAD, o.mode());
        assertEquals(Profile.CI, o.profile());
        assertEquals(Placement.CROSS, o.placement());
        assertEquals(Path.of("out"), o.results());
        assertEquals(List.of(ipcbench.mechanism.WaitStrategy.BLOCK), o.waits());
        assertEquals(ipcbench.bench.LoadRates.parse("50%,100%"), o.rates());
        // --wait other than block does not go with --mode load (LoadOptionsTest)
        assertEquals(List.of(ipcbench.mechanism.WaitStrategy.SPIN), RunOptions.parse(List.of("--wait=spin")).waits());
    }

    @Test
    void loadOptionsParse() throws UsageException {
        RunConfig defaults = RunOptions.parse(List.of());
        assertEquals(ipcbench.bench.LoadRates.defaults(), defaults.loadRates());
        assertEquals(RunConfig.Mode.LOAD, RunOptions.parse(List.of("--mode", "load")).mode());
        assertFalse(RunConfig.Mode.LOAD.latency() || RunConfig.Mode.LOAD.throughput());
        for (List<String> args : List.of(List.of("--wait", "poll"), List.of("--mode", "load", "--rates", "0%"),
                List.of("--mode", "load", "--rates", "a%"), List.of("--mode", "load", "--rates", "50%,,70%"),
                List.of("--rates", "50%"))) {
            assertThrows(UsageException.class, () -> RunOptions.parse(args), args.toString());
        }
    }

    @Test
    void verboseAndListAreFlags() throws UsageException {
        RunConfig o = RunOptions.parse(List.of("--verbose", "--list", "--rates", "50%"));
        assertTrue(o.verbose());
        assertFalse(RunOptions.parse(List.of()).verbose());
    }

    @Test
    void extraArgumentsAreRefused() {
        for (List<String> args : List.of(List.of("extra"), List.of("--sizes", "64", "tcp"))) {
            UsageException e = assertThrows(UsageException.class, () -> RunOptions.parse(args), args.toString());
            assertTrue(e.getMessage().contains("takes no further argument"), e.getMessage());
        }
    }

    @Test
    void theCiProfileIsAnOption() throws UsageException {
        assertEquals(Profile.CI, RunOptions.parse(List.of("--profile", "ci")).profile());
    }

    @Test
    void refusesMalformedInput() {
        for (List<String> args : List.of(List.of("--sizes", "0"), List.of("--sizes", "-1"), List.of("--sizes", "1x"),
                List.of("--sizes", "65m"), List.of("--mode", "x"), List.of("--pin"), List.of("--what"),
                List.of("--mechanisms", "a,,b"), List.of("--results", "--verify"))) {
            assertThrows(UsageException.class, () -> RunOptions.parse(args), args.toString());
        }
    }

    @Test
    void sizesReadAndPrintInBinaryUnits() throws UsageException {
        assertEquals(65536, Sizes.parse("64k"));
        assertEquals(65536, Sizes.parse("64K"));
        assertEquals("64 KiB", Sizes.format(65536));
        assertEquals("1 MiB", Sizes.format(1 << 20));
        assertEquals("4095 B", Sizes.format(4095));
    }

    @Test
    void theWaitStrategyIsBlockUnlessAsked() throws UsageException {
        assertEquals(List.of(ipcbench.mechanism.WaitStrategy.BLOCK), RunOptions.parse(List.of()).waits());
        assertEquals("block", RunOptions.parse(List.of()).waitOption());
        RunConfig both = RunOptions.parse(List.of("--wait", "both"));
        assertEquals(List.of(ipcbench.mechanism.WaitStrategy.BLOCK, ipcbench.mechanism.WaitStrategy.SPIN), both.waits());
        assertEquals("both", both.waitOption());
        assertEquals(List.of(ipcbench.mechanism.WaitStrategy.SPIN), RunOptions.parse(List.of("--wait=spin")).waits());
        UsageException e = assertThrows(UsageException.class, () -> RunOptions.parse(List.of("--wait", "poll")));
        assertTrue(e.getMessage().contains("block, spin or both"), e.getMessage());
    }

    @Test
    void cpuAtDefaultsToTwoRatesForALatencyRunAndNoneForSmoke() throws UsageException {
        assertEquals(ipcbench.bench.LoadRates.parse(CpuAtLoad.DEFAULT_RATES), RunOptions.parse(List.of()).cpuAt());
        assertEquals(null, RunOptions.parse(List.of("--profile", "smoke")).cpuAt(), "smoke proves the pipeline");
        assertEquals(null, RunOptions.parse(List.of("--mode", "throughput")).cpuAt(), "no latency run");
        assertEquals(null, RunOptions.parse(List.of("--cpu-at", "none")).cpuAt());
        assertEquals("500,20000", RunOptions.parse(List.of("--profile=smoke", "--cpu-at=500,20k")).cpuAt().text());
        for (List<String> args : List.of(List.of("--cpu-at", "50%"), List.of("--cpu-at", "fast"),
                List.of("--mode", "load", "--cpu-at", "1000"))) {
            UsageException e = assertThrows(UsageException.class, () -> RunOptions.parse(args), args.toString());
            assertTrue(e.getMessage().contains("--cpu-at"), e.getMessage());
        }
    }
}
