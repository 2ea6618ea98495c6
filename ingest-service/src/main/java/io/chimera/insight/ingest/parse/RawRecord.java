package io.chimera.insight.ingest.parse;

import io.chimera.insight.events.RecordKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as a parser found it, before normalisation: field names and raw values as written.
 *
 * @param locator where in the file: {@code row 12} (CSV), a JSON pointer, {@code line 40} (Markdown)
 * @param kind RUN for one measured run, SUMMARY for figures the rig already aggregated
 * @param fields the record's own fields in file order, raw values (never null; JSON nulls are left out);
 *               a {@link LinkedHashMap} is taken over as it is, and must not be changed afterwards
 * @param context what it inherits from enclosing objects, columns or header lines
 */
public record RawRecord(String locator, RecordKind kind, Map<String, String> fields, RecordContext context) {

    public RawRecord {
        // Parsers build a fresh ordered map per record and hand it over, so it is wrapped, not
        // copied (the copy was 2 % of reading a file); any other map is copied to keep file order.
        fields = Collections.unmodifiableMap(fields instanceof LinkedHashMap ? fields : new LinkedHashMap<>(fields));
    }

    /** A short rendering of the record, for dead-letter excerpts. */
    public String excerpt() {
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(name).append('=').append(value);
        });
        return text.toString();
    }
}
