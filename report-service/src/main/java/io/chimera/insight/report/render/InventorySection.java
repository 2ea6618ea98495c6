package io.chimera.insight.report.render;

import static io.chimera.insight.report.render.MarkdownText.cell;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimera.insight.report.inventory.FileFacts;
import io.chimera.insight.report.inventory.Inventory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source files behind the report: how many of each type, when they last changed, how many
 * dead letters they gave (an unusable record each, or one for a whole rejected file) and how many
 * values were dropped from the records kept, and each file's facts as the ingest events state them.
 */
final class InventorySection implements ReportSection {

    @Override
    public void markdown(StringBuilder md, ReportInput input) {
        Inventory inventory = input.inventory();
        md.append("## Data inventory\n\n");
        if (inventory.files().isEmpty()) {
            md.append("No source file is recorded for this model.\n\n");
            return;
        }
        md.append(inventory.files().size()).append(" file(s)");
        inventory.latestModified().ifPresent(at -> md.append("; latest modified ").append(at));
        md.append("; ").append(inventory.deadLetters())
                .append(" dead letter(s): records, or whole files, that could not be used (see ")
                .append(input.deadLettersLink().map(InventorySection::listingLink).orElse("the dead-letters topic"))
                .append(")");
        if (inventory.droppedValues() > 0) {
            md.append("; ").append(inventory.droppedValues())
                    .append(" value(s) that could not be used left out of the records kept (named in the file's warnings)");
        }
        md.append(".\n\n");
        md.append("| type | files | runs in files | dead letters | latest modified |\n");
        md.append("|---|---:|---:|---:|---|\n");
        for (Map.Entry<String, List<Inventory.Entry>> type : inventory.byType().entrySet()) {
            List<Inventory.Entry> entries = type.getValue();
            boolean known = entries.stream().allMatch(e -> e.facts().isPresent());
            md.append("| ").append(cell(type.getKey())).append(" | ").append(entries.size())
                    .append(" | ").append(known ? Integer.toString(sum(entries, FileFacts::runs)) : "–")
                    .append(" | ").append(known ? Integer.toString(sum(entries, FileFacts::deadLetters)) : "–")
                    .append(" | ").append(Inventory.latestModified(entries).map(Instant::toString).orElse("–"))
                    .append(" |\n");
        }
        md.append('\n');
        md.append("| file | format | size (bytes) | modified | status | runs in file | failed | dead letters "
                + "| dropped values |\n");
        md.append("|---|---|---:|---|---|---:|---:|---:|---:|\n");
        for (Inventory.Entry entry : inventory.files()) {
            md.append("| ").append(cell(entry.path()));
            Optional<FileFacts> facts = entry.facts();
            if (facts.isPresent()) {
                FileFacts f = facts.get();
                md.append(" | ").append(f.format()).append(" | ").append(f.sizeBytes()).append(" | ")
                        .append(f.modifiedAt()).append(" | ").append(f.status()).append(" | ").append(f.runs())
                        .append(" | ").append(f.failedRuns()).append(" | ").append(f.deadLetters())
                        .append(" | ").append(f.droppedValues()).append(" |\n");
            } else {
                md.append(" | – | – | – | – | – | – | – | – |\n");
            }
        }
        md.append('\n');
        md.append("Runs in a file count every model the file holds. ");
        if (!inventory.allKnown()) {
            md.append("A file shown with – has no file event the report service could read; its type comes from ")
                    .append("its name. ");
        }
        if (!inventory.complete()) {
            md.append("The file events could not be read to their end before this report was written, so the ")
                    .append("inventory may lag the data. ");
        }
        md.setLength(md.length() - 1);
        md.append("\n\n");
    }

    /** The source files, by type and one by one, with what the ingest events state of each. */
    @Override
    public void json(ObjectNode fields, ReportInput input) {
        Inventory inventory = input.inventory();
        ObjectNode node = fields.putObject("inventory");
        node.put("complete", inventory.complete());
        inventory.latestModified().ifPresent(at -> node.put("latestModified", at.toString()));
        node.put("deadLetters", inventory.deadLetters());
        node.put("droppedValues", inventory.droppedValues());
        input.deadLettersLink().ifPresent(link -> node.put("deadLettersListing", link));
        ObjectNode types = node.putObject("filesByType");
        inventory.byType().forEach((type, entries) -> types.put(type, entries.size()));
        ArrayNode files = node.putArray("files");
        for (Inventory.Entry entry : inventory.files()) {
            ObjectNode file = files.addObject();
            file.put("path", entry.path());
            file.put("type", entry.type());
            entry.facts().ifPresent(f -> facts(file, f));
        }
    }

    /** A Markdown link to the dead-letter listing, named by its file name. */
    private static String listingLink(String link) {
        return "[" + MarkdownText.inline(link.substring(link.lastIndexOf('/') + 1)) + "](" + link + ")";
    }

    private static void facts(ObjectNode file, FileFacts f) {
        file.put("format", f.format());
        file.put("sizeBytes", f.sizeBytes());
        file.put("modifiedAt", f.modifiedAt().toString());
        file.put("ingestedAt", f.ingestedAt().toString());
        file.put("status", f.status());
        file.put("runs", f.runs());
        file.put("failedRuns", f.failedRuns());
        file.put("deadLetters", f.deadLetters());
        file.put("droppedValues", f.droppedValues());
    }

    private static int sum(List<Inventory.Entry> entries, java.util.function.ToIntFunction<FileFacts> field) {
        return entries.stream().flatMap(e -> e.facts().stream()).mapToInt(field).sum();
    }
}
