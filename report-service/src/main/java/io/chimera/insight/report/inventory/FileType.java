package io.chimera.insight.report.inventory;

import java.util.Locale;

/** The type of a source file as a reader names it: its extension. */
final class FileType {

    static final String NONE = "(none)";

    private FileType() {
    }

    static String of(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return NONE;
        }
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
