package io.chimera.insight.bench.result;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of a paired measure's runs, two sides A and B: A B, B A, A B, B A, … (ABBA), each side
 * first in half the pairs. Measured always A first, every pair's B ran later in the bench than its A,
 * so whatever grew run after run (the JIT's compiled code, the heap's old generation, the broker's
 * logs) moved every ratio the same way: on a quiet machine row 14's "off" runs, always first, went
 * from 8,139 to 16,942 records/s over its five pairs. In this order a trend favours A in half the
 * pairs and B in the other half, so their median ratio does not lean either way.
 *
 * @param pairs how many pairs; even, so each side runs first equally often
 */
public record AbbaOrder(int pairs) {

    /** One run: the pair it belongs to (from 0) and whether it is side B's. */
    public record Run(int pair, boolean sideB) {
    }

    public AbbaOrder {
        if (pairs <= 0 || pairs % 2 != 0) {
            throw new IllegalArgumentException("an ABBA order needs an even, positive number of pairs, not " + pairs);
        }
    }

    /** Whether side B runs first in pair {@code pair} (from 0): in the odd pairs. */
    public static boolean sideBFirst(int pair) {
        return pair % 2 == 1;
    }

    /** The {@code 2 × pairs} runs in the order they are to run. */
    public List<Run> runs() {
        List<Run> runs = new ArrayList<>(2 * pairs);
        for (int pair = 0; pair < pairs; pair++) {
            boolean bFirst = sideBFirst(pair);
            runs.add(new Run(pair, bFirst));
            runs.add(new Run(pair, !bFirst));
        }
        return runs;
    }

    /** "A first in pairs 1, 3, 5, B first in pairs 2, 4, 6", for the results' notes (pairs from 1). */
    public String describe(String a, String b) {
        StringBuilder aFirst = new StringBuilder();
        StringBuilder bFirst = new StringBuilder();
        for (int pair = 0; pair < pairs; pair++) {
            StringBuilder to = sideBFirst(pair) ? bFirst : aFirst;
            to.append(to.isEmpty() ? "" : ", ").append(pair + 1);
        }
        return a + " first in pairs " + aFirst + ", " + b + " first in pairs " + bFirst;
    }
}
