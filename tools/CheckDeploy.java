import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * every jar has its sources and Javadoc jar beside it and each artifact its attached jars (the
 * contract kits, the applications), every file a .md5 and a .sha1 that match it, the BOM lists
 * exactly the published jars at the reactor's version, and nothing else is in the repository.
 *
 * <p>Run: {@code java tools/CheckDeploy.java REPO_DIR}; exit code 0 when all holds, else 1 with
 * one line per fault. Plain Java (the source launcher), so CI needs nothing else.
 */
public final class CheckDeploy {
    private static final String GROUP = "dev/nnj";
    private static final Set<String> PUBLISHED = Set.of(
            "nnj-parent", "nn-bom", "nn-api", "nn-core", "nn-optim", "nn-blas", "nn-examples", "nn-spark");
    private static final Set<String> POM_ONLY = Set.of("nnj-parent", "nn-bom");
    /** The jars attached beside the main one, by classifier. */
    private static final Map<String, List<String>> ATTACHED = Map.of(
            "nn-api", List.of("tests", "test-sources"),
            "nn-core", List.of("tests"),
            "nn-examples", List.of("all"),
            "nn-spark", List.of("all"));
    /** What the BOM manages (artifactId:type): every published jar, and every published test-jar. */
    private static final Set<String> BOM_ENTRIES = bomEntries();

    private static Set<String> bomEntries() {
        Set<String> entries = new TreeSet<>();
        for (String artifact : PUBLISHED) {
            if (!POM_ONLY.contains(artifact)) {
                entries.add(artifact + ":jar");
            }
            if (ATTACHED.getOrDefault(artifact, List.of()).contains("tests")) {
                entries.add(artifact + ":test-jar");
            }
        }
        return entries;
    }

    private final List<String> faults = new ArrayList<>();
    private final Map<String, Element> poms = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java tools/CheckDeploy.java REPO_DIR");
            System.exit(2);
        }
        CheckDeploy check = new CheckDeploy();
        check.run(Path.of(args[0]));
        if (check.faults.isEmpty()) {
            System.out.println("deploy layout: " + check.poms.keySet() + " as Maven Central requires (signatures aside)");
            return;
        }
        check.faults.forEach(f -> System.out.println("deploy layout: " + f));
        System.exit(1);
    }

    private void run(Path root) throws Exception {
        Path group = root.resolve(GROUP);
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile).filter(f -> !f.startsWith(group))
                    .forEach(f -> faults.add(root.relativize(f) + " is not an nnj artifact (dev/nnj) and was deployed."));
        }
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
        for (String classifier : ATTACHED.getOrDefault(artifact, List.of())) {
            expected.add(base + "-" + classifier + ".jar");
        }
        for (String name : names) {
            if (name.startsWith(base) && name.endsWith(".jar") && !expected.contains(name)) {
                faults.add(artifact + ": " + name + " was deployed, but no such jar is published.");
            }
        }
        for (String file : expected) {
            if (!names.contains(file)) {
                faults.add(artifact + ": " + file + " is missing.");
            }
            for (String sum : List.of("md5", "sha1")) {
                if (!names.contains(file)) {
                    continue;
                }
                if (!names.contains(file + "." + sum)) {
                    faults.add(artifact + ": " + file + "." + sum + " is missing.");
                } else if (!checksumMatches(dir.resolve(file), dir.resolve(file + "." + sum), sum)) {
                    faults.add(artifact + ": " + file + "." + sum + " does not match the file.");
                }
            }
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(pom).toFile());
        poms.put(artifact, doc.getDocumentElement());
    }

    private static boolean checksumMatches(Path file, Path sumFile, String algorithm) throws Exception {
        MessageDigest digest = MessageDigest.getInstance(algorithm.equals("md5") ? "MD5" : "SHA-1");
        String actual = HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        String stated = Files.readString(sumFile, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        return actual.equalsIgnoreCase(stated);
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
                String artifact = text(d, "artifactId");
                String type = text(d, "type") == null ? "jar" : text(d, "type");
                String v = text(d, "version") == null ? null
                        : text(d, "version").replace("${project.version}", text(bom, "version"));
                if (!version.equals(v)) {
                    faults.add("nn-bom: " + artifact + ":" + type + " at " + v + ", the reactor's is " + version + ".");
                }
                listed.add(artifact + ":" + type);
            }
        }
        if (!listed.equals(BOM_ENTRIES)) {
            Set<String> missing = new TreeSet<>(BOM_ENTRIES);
            missing.removeAll(listed);
            Set<String> extra = new TreeSet<>(listed);
            extra.removeAll(BOM_ENTRIES);
            faults.add("nn-bom lists " + listed + "; missing " + missing + ", not published " + extra + ".");
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
