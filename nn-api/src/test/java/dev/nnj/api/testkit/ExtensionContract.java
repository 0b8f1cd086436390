package dev.nnj.api.testkit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnj.api.spi.ComponentKind;
import dev.nnj.api.spi.ComponentProvider;
import dev.nnj.api.spi.NnExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every extension jar must do: list its {@link NnExtension} in
 * {@code META-INF/services/dev.nnj.api.spi.NnExtension}, and give every provider a well-formed id
 * (lower-kebab words separated by dots; third parties' ids contain a dot: {@code vendor.name}),
 * unique within its kind.
 */
public abstract class ExtensionContract {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)*");
    private static final String SERVICES = "META-INF/services/" + NnExtension.class.getName();

    protected abstract NnExtension createExtension();

    @Test
    void isListedInTheServicesFile() throws IOException {
        Class<?> type = createExtension().getClass();
        List<String> listed = new ArrayList<>();
        for (URL url : Collections.list(type.getClassLoader().getResources(SERVICES))) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                r.lines().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).forEach(listed::add);
            }
        }
        assertTrue(listed.contains(type.getName()), type.getName() + " is not listed in any " + SERVICES
                + " on the class path; found " + listed);
    }

    @Test
    void idsAreWellFormedAndUniquePerKind() {
        NnExtension extension = createExtension();
        boolean thirdParty = !extension.getClass().getName().startsWith("dev.nnj.");
        for (ComponentKind kind : ComponentKind.values()) {
            Set<String> seen = new HashSet<>();
            for (ComponentProvider<?> provider : kind.providersOf(extension)) {
                assertNotNull(provider, "a null " + kind.label() + " provider");
                String id = provider.type();
                assertTrue(id != null && ID.matcher(id).matches(), kind.label() + " id '" + id + "' is not lower-kebab");
                assertTrue(!thirdParty || id.contains("."), kind.label() + " id '" + id
                        + "' needs a vendor prefix ('vendor." + id + "'): ids without a dot are nnj's");
                assertTrue(seen.add(id), kind.label() + " id '" + id + "' is registered twice");
            }
        }
    }
}
