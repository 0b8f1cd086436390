import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a Maven repository written by {@code mvn -Prelease deploy -DaltDeploymentRepository=...}
 * against what Maven Central accepts, signatures aside (the release machine signs):
 * every POM has a name, description, url, licence, developer and scm (its own or its parent's),
 * every jar has its sources and Javadoc jar beside it, every file its .md5 and .sha1, the BOM
 * lists every published artifact at the reactor's version, and nothing unpublished is there.
 *
 * <p>Run: {@code java tools/CheckDeploy.java REPO_DIR}; exit code 0 when all holds, else 1 with
 * one line per fault. Plain Java (the source launcher), so CI needs nothing else.
 */
public final class CheckDeploy {
    private static final String GROUP = "dev/nnj";
    private static final Set<String> PUBLISHED = Set.of(
            "nnj-parent", "nn-bom", "nn-api", "nn-core", "nn-optim", "nn-blas", "nn-examples", "nn-spark");
    private static final Set<String> POM_ONLY = Set.of("nnj-parent", "nn-bom");

    private final List<String> faults = new ArrayList<>();
    private final Map<String, Element> poms = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java tools/CheckDeploy.java REPO_DIR");
            System.exit(2);
        }
        CheckDeploy check = new CheckDeploy();
        check.run(Path.of(args[0]).resolve(GROUP));
        if (check.faults.isEmpty()) {
            System.out.println("deploy layout: " + check.poms.keySet() + " as Maven Central requires (signatures aside)");
            return;
        }
        check.faults.forEach(f -> System.out.println("deploy layout: " + f));
        System.exit(1);
    }

    private void run(Path group) throws Exception {
        if (!Files.isDirectory(group)) {
            faults.add(group + " does not exist: nothing was deployed.");
            return;
        }
        Set<String> found = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(group)) {
            dirs.filter(Files::isDirectory).forEach(d -> found.add(d.getFileName().toString()));
        }
        for (String artifact : found) {
            if (!PUBLISHED.contains(artifact)) {
                faults.add("'" + artifact + "' was deployed, but it is not a published artifact.");
            }
        }
        for (String artifact : PUBLISHED) {
            if (!found.contains(artifact)) {
                faults.add("'" + artifact + "' was not deployed.");
                continue;
            }
            checkFiles(artifact, versionDir(group.resolve(artifact)));
        }
        poms.forEach(this::checkMetadata);
        checkBom();
    }

    private Path versionDir(Path artifactDir) throws IOException {
        try (Stream<Path> dirs = Files.list(artifactDir)) {
            List<Path> versions = dirs.filter(Files::isDirectory).toList();
            if (versions.size() != 1) {
                throw new IllegalStateException(artifactDir + ": expected one version, found " + versions);
            }
            return versions.get(0);
        }
    }

    private void checkFiles(String artifact, Path dir) throws Exception {
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        String pom = newest(names, ".pom");
        if (pom == null) {
            faults.add(artifact + ": no POM.");
            return;
        }
        String base = pom.substring(0, pom.length() - ".pom".length());
        List<String> expected = new ArrayList<>(List.of(base + ".pom"));
        if (!POM_ONLY.contains(artifact)) {
            expected.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
        }
        for (String name : names) {
            if (name.startsWith(base + "-") && name.endsWith(".jar") && !expected.contains(name)) {
                expected.add(name); // attached jars (tests, all) need their checksums too
            }
        }
        for (String file : expected) {
            if (!names.contains(file)) {
                faults.add(artifact + ": " + file + " is missing.");
            }
            for (String sum : List.of(".md5", ".sha1")) {
                if (names.contains(file) && !names.contains(file + sum)) {
                    faults.add(artifact + ": " + file + sum + " is missing.");
                }
            }
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(pom).toFile());
        poms.put(artifact, doc.getDocumentElement());
    }

    /** The newest timestamped (snapshot) or the one release file with that suffix. */
    private static String newest(List<String> names, String suffix) {
        String best = null;
        for (String n : names) {
            if (n.endsWith(suffix) && (best == null || n.compareTo(best) > 0)) {
                best = n;
            }
        }
        return best;
    }

    private void checkMetadata(String artifact, Element pom) {
        for (String path : List.of("name", "description", "url", "licenses/license/name", "licenses/license/url",
                "developers/developer/name", "scm/url", "scm/connection")) {
            if (inherited(pom, path) == null) {
                faults.add(artifact + ": the POM has no <" + path.replace("/", "><") + "> (nor does its parent).");
            }
        }
        if (!"dev.nnj".equals(inherited(pom, "groupId"))) {
            faults.add(artifact + ": groupId is not dev.nnj.");
        }
    }

    /** An element's text from the POM, or from its parent POM in the same repository (Central reads both). */
    private String inherited(Element pom, String path) {
        for (Element p = pom; p != null; ) {
            String own = text(p, path);
            if (own != null) {
                return own;
            }
            if (path.equals("name") || path.equals("description")) {
                return null; // not inherited in any useful sense: each POM names itself
            }
            Element parent = child(p, "parent");
            p = parent == null ? null : poms.get(text(parent, "artifactId"));
        }
        return null;
    }

    private void checkBom() {
        Element bom = poms.get("nn-bom");
        Element parent = poms.get("nnj-parent");
        if (bom == null || parent == null) {
            return;
        }
        String version = text(parent, "version");
        if (!version.equals(text(bom, "version"))) {
            faults.add("nn-bom: version " + text(bom, "version") + ", the reactor's is " + version + ".");
        }
        Set<String> listed = new TreeSet<>();
        Element deps = child(child(bom, "dependencyManagement"), "dependencies");
        for (Node n = deps == null ? null : deps.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element d) {
                String v = text(d, "version").replace("${project.version}", text(bom, "version"));
                if (!v.equals(version)) {
                    faults.add("nn-bom: " + text(d, "artifactId") + " at " + v + ", the reactor's is " + version + ".");
                }
                listed.add(text(d, "artifactId"));
            }
        }
        for (String artifact : PUBLISHED) {
            if (!POM_ONLY.contains(artifact) && !listed.contains(artifact)) {
                faults.add("nn-bom does not list " + artifact + ".");
            }
        }
    }

    private static String text(Element e, String path) {
        Element at = e;
        for (String step : path.split("/")) {
            at = child(at, step);
            if (at == null) {
                return null;
            }
        }
        String t = at.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }

    private static Element child(Element e, String name) {
        for (Node n = e == null ? null : e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
