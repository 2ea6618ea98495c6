package io.chimera.insight.bench.measure;

/**
 * The heap a timed measure starts from. The bench runs every measure in one JVM, so without a full
 * collection a measure starts on whatever the steps before it left in the old generation, and its
 * young collections (SerialGC, the product's) scan and promote against it: in step 8 two young
 * collections took 77–98 ms where the old generation held 222 MB, 38–53 ms where a full collection
 * had just left 134 MB (docs/benchmarks.md, branch lat11). A full collection before the timed part
 * makes the measure pay for its own garbage only; its own collections, young or full, stay in it.
 */
public final class Heap {

    private Heap() {
    }

    /** A full collection, now. */
    public static void settle() {
        System.gc();
    }
}
