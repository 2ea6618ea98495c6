package io.chimera.insight.app.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The string literals a compiled class holds: the {@code CONSTANT_String} entries of its constant
 * pool (JVMS 4.4), which is where javac puts every literal, inlined constants and string
 * concatenation recipes included. ArchUnit models types and calls, not literals, so the rule on
 * metric names reads them here.
 */
final class ClassFileStrings {

    private ClassFileStrings() {
    }

    static List<String> of(URI classFile) {
        try (InputStream raw = classFile.toURL().openStream();
             DataInputStream in = new DataInputStream(raw)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classFile, e);
        }
    }

    private static List<String> read(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Map<Integer, String> utf8 = new HashMap<>();
        List<Integer> stringRefs = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(index, in.readUTF());
                case 8 -> stringRefs.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    index++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + index);
            }
        }
        List<String> strings = new ArrayList<>(stringRefs.size());
        for (int ref : stringRefs) {
            strings.add(utf8.get(ref));
        }
        return strings;
    }
}
