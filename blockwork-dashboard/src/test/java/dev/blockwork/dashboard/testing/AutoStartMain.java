package dev.blockwork.dashboard.testing;

import dev.blockwork.delayed.Delayed;

/** A program that only computes: run with {@code -Dblockwork.dashboard=on}, it must print the URL and end. */
public final class AutoStartMain {
    private AutoStartMain() {}

    static int inc(int x) { return x + 1; }

    public static void main(String[] args) {
        System.out.println("result " + Delayed.of(AutoStartMain::inc, 41).compute());
    }
}
