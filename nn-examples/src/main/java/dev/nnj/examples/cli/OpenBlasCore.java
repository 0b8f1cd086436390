package dev.nnj.examples.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses {@code OPENBLAS_CORETYPE} for the CPUs that OpenBLAS's own detection puts on slow kernels,
 * and only for those. Read in OpenBLAS's {@code driver/others/dynamic.c} ({@code get_coretype}, tag
 * v0.3.21, Debian 12's version): for Intel family 6 it switches on the extended model (the model's
 * high nibble) and knows 0 to 10; a CPU with an extended model of 11 or more (model 176 and above:
 * Raptor Lake, Emerald Rapids = 207, Arrow Lake...) falls through a missing {@code break} into the
 * family-15 case and gets Prescott's SSE3 kernels (fixed in 0.3.25, commit e12aaed13). Intel CPUs
 * whose family reads above 15 get Prescott in every version up to 0.3.28. Every other unknown CPU
 * (AMD included) makes {@code get_coretype} return nothing, and since 0.3.19 OpenBLAS then picks a
 * core by its instruction sets itself, as this class would; those get nothing here. (Versions
 * before 0.3.19 put unknown CPUs on Prescott too; they were not read, and are treated as 0.3.21.)
 *
 * <p>The core is named by the instruction sets the CPU reports in {@code /proc/cpuinfo}, never
 * beyond them: AVX-512 (F, CD, BW, DQ, VL) is SkylakeX, AVX2 with FMA Haswell, AVX Sandybridge.
 * Never Cooperlake: OpenBLAS 0.3.21 cannot be told it ({@code force_coretype} searches its first 24
 * names, Cooperlake is the 25th: it prints "Core not found"), and its kernels are SkylakeX's plus the
 * bfloat16 ones, so nnj's double-precision products run the same code either way.
 */
final class OpenBlasCore {
    /** The first version whose family-6 detection no longer falls through to Prescott. */
    private static final int[] FALL_THROUGH_FIXED = {0, 3, 25};
    private static final Set<String> AVX512 = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private OpenBlasCore() {
    }

    /**
     * @param cpuinfo the text of {@code /proc/cpuinfo}; its first processor is read
     * @param openblasVersion the installed OpenBLAS's version, e.g. {@code 0.3.21}, or null when not
     *     known (then treated as older than 0.3.25)
     * @return the core to name in {@code OPENBLAS_CORETYPE}, or empty when OpenBLAS finds a proper
     *     one itself or the CPU has no AVX
     */
    static Optional<String> choose(String cpuinfo, String openblasVersion) {
        Map<String, String> cpu = firstProcessor(cpuinfo);
        if (!"GenuineIntel".equals(cpu.get("vendor_id"))) {
            return Optional.empty();
        }
        int family = number(cpu.get("cpu family"));
        int model = number(cpu.get("model"));
        boolean fallsThrough = family == 6 && model >= 0xB0 && before(openblasVersion, FALL_THROUGH_FIXED);
        if (!fallsThrough && family <= 15) {
            return Optional.empty();
        }
        Set<String> flags = new HashSet<>(Arrays.asList(cpu.getOrDefault("flags", "").split(" ")));
        if (flags.containsAll(AVX512)) {
            return Optional.of("SkylakeX");
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return Optional.of("Haswell");
        }
        return flags.contains("avx") ? Optional.of("Sandybridge") : Optional.empty();
    }

    /** @return the {@code key : value} lines up to the first empty line */
    private static Map<String, String> firstProcessor(String cpuinfo) {
        Map<String, String> fields = new HashMap<>();
        for (String line : cpuinfo.split("\n", -1)) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** @return the number, or -1 when there is none */
    private static int number(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** @return whether {@code version} (e.g. {@code 0.3.21}) is older than {@code fixed}; true when unknown */
    private static boolean before(String version, int[] fixed) {
        if (version == null) {
            return true;
        }
        String[] parts = version.split("\\.");
        for (int i = 0; i < fixed.length; i++) {
            int part = i < parts.length ? number(parts[i]) : 0;
            if (part < 0) {
                return true;
            }
            if (part != fixed[i]) {
                return part < fixed[i];
            }
        }
        return false;
    }
}
