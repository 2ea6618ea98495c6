package io.chimera.insight.analysis.llm.pool;

import java.util.Collection;

/** Model-name comparison as Ollama resolves names: {@code gemma3} means {@code gemma3:latest}. */
final class ModelNames {

    private static final String DEFAULT_TAG = ":latest";

    private ModelNames() {
    }

    static boolean contains(Collection<String> served, String model) {
        String wanted = withTag(model);
        return served.stream().anyMatch(name -> withTag(name).equals(wanted));
    }

    static String withTag(String model) {
        String name = model.strip();
        int slash = name.lastIndexOf('/');
        return name.indexOf(':', slash + 1) >= 0 ? name : name + DEFAULT_TAG;
    }
}
