package dev.nnj.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nnj.api.DataException;
import dev.nnj.core.table.TableColumn;
import dev.nnj.core.table.TableColumn.Kind;
import dev.nnj.core.table.TableSchema;
import dev.nnj.core.table.TableTarget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link TableSchema} as the {@code table.json} entry of a {@code .nnj} file (see
 * docs/model-format.md): {@code formatVersion}, {@code header}, {@code missing},
 * {@code unknownCategory}, {@code columns} (each with {@code name} and {@code kind}, and
 * {@code mean}, {@code scale}, {@code fill} or {@code categories}, {@code fill}), and
 * {@code label}. Doubles are written so that they read back to the same bits.
 */
public final class TableSchemaJson {
    private static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TableSchemaJson() {
    }

    /**
     * @param schema the schema to write
     * @return its {@code table.json}, UTF-8
     */
    public static byte[] write(TableSchema schema) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("header", schema.header());
        root.put("missing", schema.impute() ? "impute" : "error");
        root.put("unknownCategory", schema.ignoreUnknown() ? "ignore" : "error");
        List<Object> columns = new ArrayList<>();
        for (TableColumn c : schema.columns()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", c.name());
            o.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            if (c.kind() == Kind.NUMERIC) {
                o.put("mean", c.mean());
                o.put("scale", c.scale());
                o.put("fill", c.fill());
            } else if (c.kind() == Kind.CATEGORICAL) {
                o.put("categories", c.categories());
                o.put("fill", c.fillCategory());
            }
            columns.add(o);
        }
        root.put("columns", columns);
        TableTarget t = schema.target();
        Map<String, Object> label = new LinkedHashMap<>();
        label.put("name", t.name());
        if (t.classification()) {
            label.put("classes", t.numbered() ? "numbered" : t.classes());
            if (t.numbered()) {
                label.put("count", t.classes().size());
            }
        } else {
            label.put("mean", t.mean());
            label.put("scale", t.scale());
        }
        root.put("label", label);
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param json the bytes of a {@code table.json} entry
     * @param source its name, for messages (e.g. {@code m.nnj!/table.json})
     * @return the schema
     * @throws DataException naming {@code source} if it is not a table schema this nnj reads
     */
    public static TableSchema read(byte[] json, String source) {
        JsonNode root = JsonReading.read(JsonReading.STRICT, json, JsonNode.class,
                (where, what, e) -> new DataException(source + " " + where + ": " + what + ".", e));
        try {
            if (root == null || !root.isObject() || root.path("formatVersion").asInt(0) != FORMAT_VERSION
                    || !root.path("columns").isArray() || !root.path("label").isObject()) {
                throw bad(source, "expected an object with formatVersion 1, \"columns\" and \"label\"");
            }
            List<TableColumn> columns = new ArrayList<>();
            for (JsonNode c : root.get("columns")) {
                columns.add(column(c, source));
            }
            JsonNode l = root.get("label");
            String name = text(l, "name", source);
            TableTarget target;
            if (l.has("classes")) {
                boolean numbered = "numbered".equals(l.get("classes").asText(null)) && l.get("classes").isTextual();
                List<String> classes = new ArrayList<>();
                if (numbered) {
                    for (int k = 0; k < l.path("count").asInt(0); k++) {
                        classes.add(Integer.toString(k));
                    }
                } else {
                    classes = strings(l.get("classes"), source);
                }
                target = new TableTarget(name, true, numbered, classes, 0, 1);
            } else {
                target = new TableTarget(name, false, false, List.of(), number(l, "mean", source),
                        number(l, "scale", source));
            }
            return new TableSchema(columns, target, root.path("header").asBoolean(true),
                    "impute".equals(root.path("missing").asText()),
                    "ignore".equals(root.path("unknownCategory").asText()));
        } catch (IllegalArgumentException e) {
            throw bad(source, e.getMessage());
        }
    }

    private static TableColumn column(JsonNode c, String source) {
        String name = text(c, "name", source);
        Kind kind;
        try {
            kind = Kind.valueOf(text(c, "kind", source).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(source, "column '" + name + "' has kind '" + c.get("kind").asText() + "'; expected numeric, "
                    + "categorical, ignored or label");
        }
        return switch (kind) {
            case NUMERIC -> new TableColumn(name, kind, number(c, "mean", source), number(c, "scale", source),
                    number(c, "fill", source), List.of(), null);
            case CATEGORICAL -> new TableColumn(name, kind, 0, 1, Double.NaN, strings(c.get("categories"), source),
                    text(c, "fill", source));
            case IGNORED -> TableColumn.ignored(name);
            case LABEL -> TableColumn.label(name);
        };
    }

    private static String text(JsonNode node, String key, String source) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw bad(source, "\"" + key + "\" must be a string");
        }
        return v.asText();
    }

    private static double number(JsonNode node, String key, String source) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw bad(source, "\"" + key + "\" must be a finite number");
        }
        return v.asDouble();
    }

    private static List<String> strings(JsonNode node, String source) {
        if (node == null || !node.isArray()) {
            throw bad(source, "expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                throw bad(source, "expected a list of strings");
            }
            out.add(v.asText());
        }
        return out;
    }

    private static DataException bad(String source, String what) {
        return new DataException(source + ": not a table schema nnj reads: " + what + ".");
    }
}
