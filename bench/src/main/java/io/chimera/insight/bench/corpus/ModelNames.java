package io.chimera.insight.bench.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Model names in Ollama's {@code family:tag} form, as many as asked, all distinct. Every name is
 * one the ingest path rule reads back from a file name ({@code llama3.1_8b_param_tuning.csv} is
 * {@code llama3.1:8b}), so generated sweep files that carry no model column still name theirs.
 */
public final class ModelNames {

    private static final List<String> FAMILIES = List.of("gemma3", "llama3.1", "qwen2.5", "mistral", "phi3",
            "granite3", "smollm2", "deepseek-r1", "codellama", "falcon3");
    private static final List<String> SIZES = List.of("270m", "1b", "4b", "7b", "8b", "12b", "14b", "27b", "3b",
            "70b");

    private ModelNames() {
    }

    /** The first {@code count} names: families vary fastest, then sizes, then a numbered variant. */
    public static List<String> first(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(name(i));
        }
        return names;
    }

    static String name(int index) {
        String family = FAMILIES.get(index % FAMILIES.size());
        int combination = index / FAMILIES.size();
        String size = SIZES.get(combination % SIZES.size());
        int variant = combination / SIZES.size();
        return family + ":" + size + (variant == 0 ? "" : "-v" + variant);
    }

    /** Parameter count in billions read from the tag ({@code 270m} is 0.27), for plausible speeds. */
    static double billions(String model) {
        String tag = model.substring(model.indexOf(':') + 1);
        int end = 0;
        while (end < tag.length() && (Character.isDigit(tag.charAt(end)) || tag.charAt(end) == '.')) {
            end++;
        }
        double value = Double.parseDouble(tag.substring(0, end));
        return end < tag.length() && tag.charAt(end) == 'm' ? value / 1000 : value;
    }

    /** The name as a file-name prefix: {@code llama3.1:8b} becomes {@code llama3.1_8b}. */
    static String fileStem(String model) {
        return model.replace(':', '_');
    }
}
