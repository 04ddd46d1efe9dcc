package com.example;

import dev.blockwork.process.ProcessPool;
import java.util.List;
import java.util.stream.IntStream;

/** A pool of two worker JVMs counts the primes below 200,000 in ten ranges, like multiprocessing.Pool.map. */
public class PoolPrimes {
    static boolean isPrime(int n) {
        if (n < 2) return false;
        for (int d = 2; (long) d * d <= n; d++) if (n % d == 0) return false;
        return true;
    }

    static long primesIn(int from) {
        return IntStream.range(from, from + 20_000).filter(PoolPrimes::isPrime).count();
    }

    public static void main(String[] args) {
        List<Integer> starts = IntStream.range(0, 10).map(i -> i * 20_000).boxed().toList();
        try (ProcessPool pool = ProcessPool.create(2)) {
            List<Long> counts = pool.map(PoolPrimes::primesIn, starts);
            System.out.println("primes below 200000: " + counts.stream().mapToLong(Long::longValue).sum());
        }
    }
}
