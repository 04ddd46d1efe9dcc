package com.example;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;

import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;

/** Estimates π from 20 million random points in the unit square, in 20 blocks computed in parallel. */
public class MonteCarloPi {
    public static void main(String[] args) {
        DRandom rng = new DRandom(2026);
        DArray x = rng.uniform(shape(20_000_000), chunks(1_000_000));
        DArray y = rng.uniform(shape(20_000_000), chunks(1_000_000));
        DArray inside = x.mul(x).add(y.mul(y)).le(1.0);                 // a boolean per point, never all in memory
        double pi = 4 * inside.astype(dev.blockwork.ndarray.DType.FLOAT64).mean().compute().item();
        System.out.printf("pi is about %.3f%n", pi);
    }
}
