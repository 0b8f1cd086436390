package dev.nnj.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnj.api.DataException;
import dev.nnj.api.ModelConfigException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure Jackson reports, as nnj says it: the file, the line and column, and plain words.
 * Each message is pinned to the Jackson of the build: an upgrade that changes Jackson's wording
 * fails here rather than letting its words (or "not valid JSON") reach the user.
 */
class JsonErrorsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{\"seed\": NaN}", "line 1, column 10: NaN is not a JSON number; write a number or null"),
                Arguments.of("{\"seed\": -Infinity}",
                        "line 1, column 10: -Infinity is not a JSON number; write a number or null"),
                Arguments.of("[".repeat(1001) + "]".repeat(1001),
                        "line 1, column 1001: nested more than 1,000 levels deep, more than nnj reads"),
                Arguments.of("{\"name\": \"" + "x".repeat(20_050_354) + "\"}", "line 1, column 10: a string of "
                        + "20,050,354 characters, more than the 20,000,000 nnj reads"),
                Arguments.of("{\"seed\": " + "1".repeat(1001) + "}",
                        "line 1, column 1011: a number of 1,001 digits, more than the 1,000 nnj reads"),
                Arguments.of("{\"" + "k".repeat(50_001) + "\": 1}",
                        "line 1, column 50005: a key of 50,001 characters, more than the 50,000 nnj reads"),
                Arguments.of("{\n  \"input\": [4],\n  \"layers\": [\"dense\",]\n}",
                        "line 3, column 22: found ']' where a value should be (a comma too many, or a value missing)"),
                Arguments.of("{\"seed\": 1,}",
                        "line 1, column 12: found '}' where a key in double quotes should be (a comma too many?)"),
                Arguments.of("{'seed': 1}",
                        "line 1, column 2: found a single quote (') where a key in double quotes should be"),
                Arguments.of("{\"seed\" 1}", "line 1, column 9: found '1' after a key, where ':' should be"),
                Arguments.of("{\"seed\": 1 \"epochs\": 2}",
                        "line 1, column 12: found '\"' after a value in an object, where ',' or '}' should be"),
                Arguments.of("{\"input\": [1 2]}",
                        "line 1, column 14: found '2' after a value in a list, where ',' or ']' should be"),
                Arguments.of("{\"seed\": 1]", "line 1, column 11: found ']' where '}' should close the object"),
                Arguments.of("{\"seed\":", "line 1, column 9: the text ends before the '}' that closes an object"),
                Arguments.of("{\"input\": [1, 2", "line 1, column 16: the text ends before the ']' that closes a list"),
                Arguments.of("{\"name\": \"abc",
                        "line 1, column 14: the text ends inside a string; its closing '\"' is missing"),
                Arguments.of("{\"na", "line 1, column 5: the text ends in the middle of a JSON value"),
                Arguments.of("", "line 1, column 1: empty, where a JSON value should be"),
                Arguments.of("{\"seed\": nul}", "line 1, column 10: 'nul' is not a JSON value: put strings in double "
                        + "quotes, and write true, false and null in lower case"),
                Arguments.of("{\"name\": \"a\nb\"}", "line 1, column 12: a string holds a line break, which JSON "
                        + "writes escaped (\\n for a line break, \\t for a tab)"),
                Arguments.of("{\"name\": \"\\x\"}",
                        "line 1, column 12: '\\x' is not a JSON escape; write \\\\ for a backslash"),
                Arguments.of("{\"name\": \"\\u12\"}", "line 1, column 15: a \\u escape needs four hex digits"),
                Arguments.of("{\"seed\": 07}", "line 1, column 11: a number with a leading zero; write 7, not 07"),
                Arguments.of("{\"seed\": +1}", "line 1, column 11: a number with a '+' sign; write 1, not +1"),
                Arguments.of("{\"seed\": 1e}",
                        "line 1, column 11: a malformed number; write numbers as 12, -0.5 or 1e-4"),
                Arguments.of("{\u0000}", "line 1, column 3: a control character (code 0) between values, where "
                        + "only spaces, tabs and line breaks may stand"),
                Arguments.of("{\"seed\": 1} {}", "line 1, column 13: more text after the end of the JSON value; "
                        + "remove it"),
                Arguments.of("{\"input\": [4], \"input\": [5]}", "line 1, column 23: the key 'input' appears twice; "
                        + "keep one"),
                Arguments.of("{\"layers\": [\"relu\", {\"type\": \"dense\", \"type\": \"relu\"}]}",
                        "line 1, column 45: the key 'type' appears twice in layers[1]; keep one"));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("cases")
    void saysWhatIsWrongInPlainWordsWithLineAndColumn(String json, String expected) {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelFileReader.read(json, "m.json"));
        assertEquals("m.json " + expected + ".", e.getMessage());
    }

    static Stream<Arguments> bytes() {
        return Stream.of(
                Arguments.of("{\"formatVersion\": 1 // v1\n}".getBytes(StandardCharsets.UTF_8),
                        "line 1, column 21: found '/': comments are not allowed in this file"),
                Arguments.of("{\"formatVersion\": 'one'}".getBytes(StandardCharsets.UTF_8),
                        "line 1, column 19: found a single quote (') where a value should be; strings go in double "
                                + "quotes"),
                Arguments.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},
                        "line 1, column 8: bytes that are not UTF-8 text; save the file as UTF-8"));
    }

    /** The files nnj writes itself are read as standard JSON, from their bytes. */
    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("bytes")
    void saysWhatIsWrongWithTheJsonEntriesOfASavedModel(byte[] json, String expected) {
        DataException e = assertThrows(DataException.class, () -> TableSchemaJson.read(json, "m.nnj!/table.json"));
        assertEquals("m.nnj!/table.json " + expected + ".", e.getMessage());
    }
}
