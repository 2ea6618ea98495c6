package io.chimera.insight.ingest.parse.json;

import io.chimera.insight.ingest.parse.FileParser;
import io.chimera.insight.ingest.parse.InputFormat;
import io.chimera.insight.ingest.parse.RecordSink;
import io.chimera.insight.ingest.parse.SourceReader;
import io.chimera.insight.ingest.parse.SourceText;
import io.chimera.insight.ingest.parse.UnusableFileException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chimera.insight.events.FileFormat;
import io.chimera.insight.ingest.normalise.MappingRules;
import java.io.IOException;
import java.util.List;

/**
 * Reads a JSON document; see {@link JsonRecordWalker} for what becomes a record. A document whose
 * root is an array is read element by element (Jackson's streaming parser, each element as a tree);
 * any other document is read whole as a tree, up to the document limit ({@link SourceReader#readWhole}).
 */
public final class JsonFileParser implements FileParser {

    /** Read from {@code .json}; registered in {@code InputFormats}. */
    public static final InputFormat FORMAT =
            new InputFormat(FileFormat.JSON, "JSON", List.of("json"), JsonFileParser::new);

    /** Reads one element of a streamed array: more of the array follows it, so trailing tokens are expected. */
    private static final ObjectReader ELEMENT = JsonValues.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final MappingRules rules;

    public JsonFileParser(MappingRules rules) {
        this.rules = rules;
    }

    @Override
    public void parse(SourceReader source, RecordSink sink) throws IOException, UnusableFileException {
        JsonRecordWalker walker = new JsonRecordWalker(rules, rules.isSummaryFileName(source.fileName()));
        int found = rootIsArray(source.prefix()) ? streamArray(source, walker, sink) : readWhole(source, walker, sink);
        if (found == 0) {
            sink.warning("no object holds a known metric");
        }
    }

    /** Whether the document starts with {@code [}: then its elements are read one at a time. */
    private static boolean rootIsArray(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '[';
            }
        }
        return false;
    }

    /**
     * A document that is not an array may give a record context from anywhere in it, so it is read
     * whole, within the document limit.
     */
    private int readWhole(SourceReader source, JsonRecordWalker walker, RecordSink sink)
            throws IOException, UnusableFileException {
        SourceText text = source.readWhole("a JSON document whose root is not an array");
        JsonNode root;
        try {
            root = JsonValues.MAPPER.readTree(text.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw syntax(e, at, around(text.text(), at));
        }
        return root == null ? 0 : walker.walk(root, "", false, sink::record);
    }

    /**
     * A root array, one element at a time (each read as a tree, so memory is bounded by the largest
     * element): what {@link JsonRecordWalker#walk} gives for the whole array, in the same order.
     */
    private int streamArray(SourceReader source, JsonRecordWalker walker, RecordSink sink)
            throws IOException, UnusableFileException {
        RecentText recent = new RecentText(source.reader());
        int found = 0;
        try (JsonParser parser = JsonValues.MAPPER.createParser(recent)) {
            parser.nextToken(); // the [
            for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                if (parser.currentToken() == null) {
                    throw new JsonParseException(parser, "Unexpected end-of-input: expected close marker for Array");
                }
                JsonNode element = ELEMENT.readTree(parser);
                if (element != null) {
                    found += walker.walkRootElement(element, index, sink::record);
                }
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw MismatchedInputException.from(parser, JsonNode.class, "Trailing token (of type " + trailing
                        + ") found after value (bound as `" + JsonNode.class.getName() + "`): not allowed as per "
                        + "`DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw syntax(e, at, recent.around(at == null ? 0 : at.getCharOffset()));
        }
        return found;
    }

    private static UnusableFileException syntax(JsonProcessingException e, JsonLocation at, String excerpt) {
        String locator = at == null ? "" : "line " + at.getLineNr();
        return new UnusableFileException("JsonSyntax", "not valid JSON: " + e.getOriginalMessage(), excerpt, locator);
    }

    /** Up to 512 characters around the error, so the dead letter shows what broke. */
    private static String around(String text, JsonLocation at) {
        int offset = at == null ? 0 : (int) Math.max(0, Math.min(text.length(), at.getCharOffset()));
        int start = Math.max(0, offset - 256);
        return text.substring(start, Math.min(text.length(), start + 512));
    }
}
