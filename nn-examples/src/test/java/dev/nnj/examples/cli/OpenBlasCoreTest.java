package dev.nnj.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code OPENBLAS_CORETYPE} on {@code /proc/cpuinfo} fixtures ({@code src/test/resources/cpuinfo/}):
 * the 2-core AMD EPYC these tests were written on (family 25, AVX2, no AVX-512: OpenBLAS 0.3.21 says
 * {@code Core: Zen}), an Intel Skylake-SP (family 6 model 85, which 0.3.21 knows) and a synthetic
 * Emerald Rapids Xeon (family 6 model 207, AVX-512 and AVX-512 BF16, which 0.3.21 puts on Prescott).
 */
class OpenBlasCoreTest {
    private static final String EPYC = "amd-epyc-family25-model1.txt";
    private static final String SKYLAKE_SP = "xeon-skylake-sp-family6-model85.txt";
    private static final String EMERALD_RAPIDS = "xeon-emerald-rapids-family6-model207.txt";

    private static String fixture(String name) throws IOException {
        try (InputStream in = OpenBlasCoreTest.class.getResourceAsStream("/cpuinfo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void anAmdEpycThatOpenBlasKnowsGetsNothing() throws IOException {
        assertEquals(Optional.empty(), OpenBlasCore.choose(fixture(EPYC), "0.3.21"));
        assertEquals(Optional.empty(), OpenBlasCore.choose(fixture(EPYC), null));
    }

    @Test
    void aSkylakeXeonThatOpenBlasKnowsGetsNothing() throws IOException {
        assertEquals(Optional.empty(), OpenBlasCore.choose(fixture(SKYLAKE_SP), "0.3.21"));
    }

    @Test
    void anEmeraldRapidsXeonGetsSkylakeXNotCooperlakeWhichOpenBlas0321CannotBeTold() throws IOException {
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.choose(fixture(EMERALD_RAPIDS), "0.3.21"));
    }

    @Test
    void anUnknownVersionIsTreatedAsOneThatFallsThroughToPrescott() throws IOException {
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.choose(fixture(EMERALD_RAPIDS), null));
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.choose(fixture(EMERALD_RAPIDS), "0.3.24"));
    }

    @Test
    void from0325OpenBlasPicksByInstructionSetsItselfAndGetsNothing() throws IOException {
        assertEquals(Optional.empty(), OpenBlasCore.choose(fixture(EMERALD_RAPIDS), "0.3.25"));
        assertEquals(Optional.empty(), OpenBlasCore.choose(fixture(EMERALD_RAPIDS), "0.3.28"));
        assertEquals(Optional.empty(), OpenBlasCore.choose(fixture(EMERALD_RAPIDS), "0.4.0"));
    }

    @Test
    void theCoreNeverNeedsMoreThanTheFlagsSay() throws IOException {
        String model207 = fixture(EMERALD_RAPIDS);
        String withoutAvx512 = model207.replaceAll(" avx512[a-z0-9_]*", "");
        assertEquals(Optional.of("Haswell"), OpenBlasCore.choose(withoutAvx512, "0.3.21"));
        String withoutAvx512vl = model207.replace(" avx512vl ", " ");
        assertEquals(Optional.of("Haswell"), OpenBlasCore.choose(withoutAvx512vl, "0.3.21"));
        String avxOnly = withoutAvx512.replace(" avx2 ", " ");
        assertEquals(Optional.of("Sandybridge"), OpenBlasCore.choose(avxOnly, "0.3.21"));
        String avx2WithoutFma = withoutAvx512.replace(" fma ", " ");
        assertEquals(Optional.of("Sandybridge"), OpenBlasCore.choose(avx2WithoutFma, "0.3.21"));
        String noAvx = avxOnly.replace(" avx ", " ");
        assertEquals(Optional.empty(), OpenBlasCore.choose(noAvx, "0.3.21"));
    }

    @Test
    void raptorLakeModel183FallsThroughTooAndGetsHaswell() throws IOException {
        String raptorLake = fixture(EMERALD_RAPIDS).replace("model\t\t: 207", "model\t\t: 183")
                .replaceAll(" avx512[a-z0-9_]*", "");
        assertEquals(Optional.of("Haswell"), OpenBlasCore.choose(raptorLake, "0.3.21"));
    }

    @Test
    void anUnknownModelBelow176IsLeftToOpenBlassOwnFallback() throws IOException {
        String graniteRapids = fixture(EMERALD_RAPIDS).replace("model\t\t: 207", "model\t\t: 173");
        assertEquals(Optional.empty(), OpenBlasCore.choose(graniteRapids, "0.3.21"));
    }

    @Test
    void anIntelFamilyAbove15GetsACoreInEveryVersion() throws IOException {
        String family19 = fixture(EMERALD_RAPIDS).replace("cpu family\t: 6", "cpu family\t: 19")
                .replace("model\t\t: 207", "model\t\t: 1");
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.choose(family19, "0.3.28"));
    }

    @Test
    void onlyTheFirstProcessorIsRead() throws IOException {
        String twoCpus = fixture(EMERALD_RAPIDS) + fixture(SKYLAKE_SP);
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.choose(twoCpus, "0.3.21"));
        assertEquals(Optional.empty(), OpenBlasCore.choose(fixture(SKYLAKE_SP) + fixture(EMERALD_RAPIDS), "0.3.21"));
    }

    @Test
    void somethingThatIsNotCpuinfoGetsNothing() {
        assertEquals(Optional.empty(), OpenBlasCore.choose("", "0.3.21"));
        assertEquals(Optional.empty(), OpenBlasCore.choose("processor\t: 0\nCPU implementer\t: 0x41\n", null));
        assertEquals(Optional.empty(), OpenBlasCore.choose("vendor_id : GenuineIntel\ncpu family : six\n", null));
    }
}
