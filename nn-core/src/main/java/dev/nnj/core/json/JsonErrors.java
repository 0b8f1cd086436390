package dev.nnj.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's failures in nnj's words: {@code line 1, column 10: NaN is not a JSON number; write a
 * number or null}, never {@code enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}. Jackson's
 * messages are matched by their stable openings (a test pins each one to the Jackson in the build);
 * one that is not known is reported as "not valid JSON", with its line and column.
 */
final class JsonErrors {
    private static final String SINGLE_QUOTE = "a single quote (')";
    private static final Pattern CODE = Pattern.compile("code (\\d+)");
    private static final Pattern LIMIT = Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    private static final Pattern QUOTED = Pattern.compile("'(.*?)'");
    private static final Pattern TOKEN = Pattern.compile("token '(.*)':");

    private JsonErrors() {
    }

    /**
     * @param e what Jackson threw while reading
     * @param parser the parser that read, for where a size limit was passed (Jackson gives no place for it)
     * @return where the problem is: {@code line L, column C}
     */
    static String where(JsonProcessingException e, JsonParser parser) {
        String m = message(e);
        JsonLocation at = e.getLocation();
        int back = 0;
        if (m.startsWith("Number value length") || m.startsWith("Name length")) {
            at = parser.currentLocation(); // just past it: Jackson has not marked where it began
        } else if (e instanceof StreamConstraintsException || at == null) {
            at = parser.currentTokenLocation();
        } else if (m.startsWith("Non-standard token ")) {
            back = token(m).length(); // Jackson points past the token
        }
        return "line " + Math.max(1, at.getLineNr()) + ", column " + Math.max(1, at.getColumnNr() - back);
    }

    /**
     * @param e what Jackson threw while reading
     * @return the key that appears twice in the top-level object, or {@code null} if {@code e} is
     *     about something else
     */
    static String topLevelDuplicate(JsonProcessingException e) {
        JsonStreamContext object = duplicateIn(e);
        return object != null && object.getParent() != null && object.getParent().inRoot()
                ? object.getCurrentName() : null;
    }

    private static JsonStreamContext duplicateIn(JsonProcessingException e) {
        return message(e).startsWith("Duplicate field ") && e.getProcessor() instanceof JsonParser p
                ? p.getParsingContext() : null;
    }

    private static String message(JsonProcessingException e) {
        return e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    }

    /**
     * @param e what Jackson threw while reading
     * @return what is wrong, in plain words, without a final period
     */
    static String what(JsonProcessingException e) {
        String m = message(e);
        Matcher limit = LIMIT.matcher(m);
        if (e instanceof StreamConstraintsException) {
            return limit.find() ? tooLarge(m, number(limit.group(1)), number(limit.group(2))) : "larger than nnj reads";
        }
        if (m.startsWith("Non-standard token ")) {
            return token(m) + " is not a JSON number; write a number or null";
        }
        if (m.startsWith("Duplicate field ")) {
            return duplicate(e);
        }
        if (m.startsWith("Unexpected end-of-input") || m.startsWith("No content to map")) {
            return endOfInput(m);
        }
        if (m.startsWith("Trailing token")) {
            return "more text after the end of the JSON value; remove it";
        }
        if (m.startsWith("Unrecognized token ")) {
            return "'" + token(m) + "' is not a JSON value: put strings in double quotes, and write true, false and "
                    + "null in lower case";
        }
        if (m.startsWith("Illegal unquoted character ")) {
            return "a string holds " + character(m) + ", which JSON writes escaped (\\n for a line "
                    + "break, \\t for a tab)";
        }
        if (m.startsWith("Unrecognized character escape ")) {
            Matcher code = CODE.matcher(m);
            return "'\\" + (code.find() ? Character.toString(Integer.parseInt(code.group(1))) : "") + "' is not a JSON "
                    + "escape; write \\\\ for a backslash";
        }
        if (m.contains("expected a hex-digit for character escape")) {
            return "a \\u escape needs four hex digits";
        }
        if (m.contains("numbers to have plus signs")) {
            return "a number with a '+' sign; write 1, not +1";
        }
        if (m.contains("Leading zeroes not allowed")) {
            return "a number with a leading zero; write 7, not 07";
        }
        if (m.contains("in numeric value") || m.startsWith("Invalid numeric value")) {
            return "a malformed number; write numbers as 12, -0.5 or 1e-4";
        }
        if (m.startsWith("Unexpected close marker ")) {
            return closeMarker(m);
        }
        if (m.startsWith("Unexpected character ")) {
            return unexpected(m, character(m));
        }
        if (m.startsWith("Illegal character ")) {
            return character(m) + " between values, where only spaces, tabs and line breaks may stand";
        }
        if (m.startsWith("Invalid UTF-8")) {
            return "bytes that are not UTF-8 text; save the file as UTF-8";
        }
        return "not valid JSON";
    }

    private static String tooLarge(String m, String actual, String most) {
        if (m.startsWith("Document nesting depth")) {
            return "nested more than " + most + " levels deep, more than nnj reads";
        }
        String what = m.startsWith("String value length") ? "a string of " + actual + " characters"
                : m.startsWith("Number value length") ? "a number of " + actual + " digits"
                : m.startsWith("Name length") ? "a key of " + actual + " characters"
                : m.startsWith("Document length") ? actual + " characters of JSON"
                : m.startsWith("Token count") ? actual + " JSON values" : "a size of " + actual;
        return what + ", more than the " + most + " nnj reads";
    }

    private static String duplicate(JsonProcessingException e) {
        JsonStreamContext object = duplicateIn(e);
        if (object == null) {
            return "a key appears twice in one object; keep one";
        }
        String path = path(object.getParent());
        return "the key '" + object.getCurrentName() + "' appears twice" + (path.isEmpty() ? "" : " in " + path)
                + "; keep one";
    }

    /** The path of the value being read in {@code context}, as nnj names config paths: {@code layers[0].activation}. */
    private static String path(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = path(context.getParent());
        if (context.inArray()) {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        return parent + (parent.isEmpty() ? "" : ".") + context.getCurrentName();
    }

    private static String endOfInput(String m) {
        if (m.startsWith("No content to map")) {
            return "empty, where a JSON value should be";
        }
        if (m.contains("closing quote for a string")) {
            return "the text ends inside a string; its closing '\"' is missing";
        }
        if (m.contains("Array")) {
            return "the text ends before the ']' that closes a list";
        }
        if (m.contains("Object")) {
            return "the text ends before the '}' that closes an object";
        }
        return "the text ends in the middle of a JSON value";
    }

    private static String closeMarker(String m) {
        Matcher q = QUOTED.matcher(m);
        String found = q.find() ? q.group(1) : "?";
        String expected = q.find() ? q.group(1) : "?";
        return "found '" + found + "' where '" + expected + "' should close the " + ("}".equals(expected)
                ? "object" : "list");
    }

    private static String unexpected(String m, String c) {
        boolean closing = c.equals("']'") || c.equals("'}'");
        if (m.contains("comment?")) {
            return "found " + c + ": comments are not allowed in this file";
        }
        if (m.contains("expected a valid value") || m.contains("expected a value")) {
            return "found " + c + " where a value should be" + (closing ? " (a comma too many, or a value missing)"
                    : c.equals(SINGLE_QUOTE) ? "; strings go in double quotes" : "");
        }
        if (m.contains("double-quote to start field name")) {
            return "found " + c + " where a key in double quotes should be" + (closing ? " (a comma too many?)" : "");
        }
        if (m.contains("comma to separate Object entries")) {
            return "found " + c + " after a value in an object, where ',' or '}' should be";
        }
        if (m.contains("comma to separate Array entries")) {
            return "found " + c + " after a value in a list, where ',' or ']' should be";
        }
        if (m.contains("colon to separate field name and value")) {
            return "found " + c + " after a key, where ':' should be";
        }
        return "found " + c + ", which cannot stand here";
    }

    /** The character a message names by its code, as a reader sees it. */
    private static String character(String m) {
        Matcher code = CODE.matcher(m);
        if (!code.find()) {
            return "a character";
        }
        int c = Integer.parseInt(code.group(1));
        return switch (c) {
            case '\n' -> "a line break";
            case '\t' -> "a tab";
            case '\r' -> "a carriage return";
            case '\'' -> SINGLE_QUOTE;
            default -> c < 32 || c == 127 ? "a control character (code " + c + ")" : "'" + Character.toString(c) + "'";
        };
    }

    private static String token(String m) {
        Matcher t = TOKEN.matcher(m);
        return t.find() ? t.group(1) : "";
    }

    private static String number(String digits) {
        return String.format(Locale.ROOT, "%,d", Long.parseLong(digits));
    }
}
