package dev.nnj.core.registry;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/** Where a class was loaded from, for messages and {@code nnj list}. */
final class Sources {
    private Sources() {
    }

    /** @return the jar or directory of {@code type}, or {@code unknown source} */
    static String of(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "unknown source";
        }
        try {
            return Path.of(cs.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return cs.getLocation().toString();
        }
    }
}
