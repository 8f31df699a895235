package org.cnlp.terminology.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.cnlp.terminology.model.SynonymType;

/**
 * Measures single-threaded lookup throughput of a {@link TerminologyIndex}, for {@code cnlp bench}.
 * Each of {@link TerminologyIndex#exact} and {@link TerminologyIndex#search} runs over the queries in a
 * loop, first for a warm-up of half of {@code duration} (so the JIT has compiled the lookup code), then for
 * {@code duration} measured.
 */
public final class LookupBenchmark {

    private static final int SEARCH_TOP_K = 10;

    private LookupBenchmark() {
    }

    /**
     * Throughput measured.
     *
     * @param exactPerSecond     {@code exact()} calls per second
     * @param searchPerSecond    {@code search(query, 10)} calls per second
     * @param exactHitRate       share of {@code exact()} calls with at least one match
     * @param searchHitRate      share of {@code search()} calls with at least one match
     * @param queries            number of distinct queries
     * @param durationPerMethod  measured time per method (warm-up excluded)
     */
    public record Result(double exactPerSecond, double searchPerSecond, double exactHitRate, double searchHitRate,
            int queries, Duration durationPerMethod) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "exact: %.0f lookups/s (%.0f%% hits), search: %.0f lookups/s (%.0f%% hits), %d queries, %d ms each",
                    exactPerSecond, 100 * exactHitRate, searchPerSecond, 100 * searchHitRate, queries,
                    durationPerMethod.toMillis());
        }
    }

    /**
     * Runs the benchmark on the calling thread.
     *
     * @param index    an open index
     * @param queries  the queries, used in a loop (at least one)
     * @param duration measured time per method
     * @return throughput of both methods
     */
    public static Result run(TerminologyIndex index, List<String> queries, Duration duration) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no queries");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        Duration warmUp = duration.dividedBy(2);
        measure(index, queries, warmUp, true);
        Rate exact = measure(index, queries, duration, true);
        measure(index, queries, warmUp, false);
        Rate search = measure(index, queries, duration, false);
        return new Result(exact.perSecond(), search.perSecond(), exact.hitRate(), search.hitRate(), queries.size(),
                duration);
    }

    /**
     * Picks benchmark queries from the index's own names, seeded: about 70% names as written, 15% in upper
     * case or plural, 15% with one letter dropped (a misspelling, so that search falls back to fuzzy).
     *
     * @param index an open index
     * @param count how many queries
     * @param seed  random seed
     * @return the queries
     */
    public static List<String> sampleQueries(TerminologyIndex index, int count, long seed) {
        List<String> names = new ArrayList<>();
        index.forEachName(entry -> {
            if (entry.type() != SynonymType.PLURAL) {
                names.add(entry.name());
            }
        });
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the index has no names");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = names.get(random.nextInt(names.size()));
            int kind = random.nextInt(100);
            if (kind < 70 || name.length() < 6) {
                queries.add(name);
            } else if (kind < 85) {
                queries.add(random.nextBoolean() ? name.toUpperCase(Locale.ROOT) : name + "s");
            } else {
                int drop = 1 + random.nextInt(name.length() - 2);
                queries.add(name.substring(0, drop) + name.substring(drop + 1));
            }
        }
        return List.copyOf(queries);
    }

    private record Rate(double perSecond, double hitRate) {
    }

    private static Rate measure(TerminologyIndex index, List<String> queries, Duration duration, boolean exact) {
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        long calls = 0;
        long hits = 0;
        int next = 0;
        long now;
        do {
            String query = queries.get(next);
            next = next + 1 == queries.size() ? 0 : next + 1;
            List<ConceptMatch> matches = exact ? index.exact(query) : index.search(query, SEARCH_TOP_K);
            calls++;
            if (!matches.isEmpty()) {
                hits++;
            }
            now = System.nanoTime();
        } while (now < end);
        double seconds = (now - start) / 1e9;
        return new Rate(calls / seconds, (double) hits / calls);
    }
}
