package dev.nnj.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnj.api.NnException;
import java.io.IOException;

/**
 * How nnj reads JSON, in one place: standard JSON (no NaN, no trailing commas), each key once in an
 * object, one value and nothing after it; a failure is one line from {@link JsonErrors}, with its
 * line and column.
 */
final class JsonReading {
    /** For the files nnj writes: {@code training.json}, {@code table.json}, safetensors headers. */
    static final ObjectMapper STRICT = strict();
    /** For model files, which people write: as {@link #STRICT}, and comments allowed. */
    static final ObjectMapper MODEL_FILE = strict().enable(JsonParser.Feature.ALLOW_COMMENTS);

    private JsonReading() {
    }

    /** What a reader makes of a failure. */
    @FunctionalInterface
    interface Failure {
        /**
         * @param where {@code line L, column C}
         * @param what what is wrong, in plain words, without a final period
         * @param cause what Jackson threw
         * @return the exception to throw, naming the file
         */
        NnException of(String where, String what, JsonProcessingException cause);
    }

    private interface Source {
        JsonParser open(ObjectMapper mapper) throws IOException;
    }

    /**
     * @param <T> the type read
     * @param mapper {@link #STRICT} or {@link #MODEL_FILE}
     * @param json the text
     * @param type what to read: {@code Object.class} (maps, lists, ...) or {@code JsonNode.class}
     * @param failure what to throw if it is not such JSON
     * @return the value the text holds
     */
    static <T> T read(ObjectMapper mapper, String json, Class<T> type, Failure failure) {
        return read(mapper, m -> m.createParser(json), type, failure);
    }

    /**
     * @param <T> the type read
     * @param mapper {@link #STRICT} or {@link #MODEL_FILE}
     * @param json the text, in UTF-8 (or another encoding JSON allows, told by its first bytes)
     * @param type what to read: {@code Object.class} (maps, lists, ...) or {@code JsonNode.class}
     * @param failure what to throw if it is not such JSON
     * @return the value the text holds
     */
    static <T> T read(ObjectMapper mapper, byte[] json, Class<T> type, Failure failure) {
        return read(mapper, m -> m.createParser(json), type, failure);
    }

    private static <T> T read(ObjectMapper mapper, Source source, Class<T> type, Failure failure) {
        try (JsonParser parser = source.open(mapper)) {
            try {
                return mapper.readValue(parser, type);
            } catch (JsonProcessingException e) {
                throw failure.of(JsonErrors.where(e, parser), JsonErrors.what(e), e);
            }
        } catch (IOException e) {
            // text in memory: neither opening nor closing the parser reads a file
            throw new IllegalStateException(e);
        }
    }

    private static ObjectMapper strict() {
        return new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
