package com.example;

import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Futures: one task per word (batched by {@code map}), gathered into a histogram of word lengths. */
public class WordLengths {
    static int length(String word) { return word.length(); }

    public static void main(String[] args) {
        List<String> words = List.of("one", "api", "from", "one", "thread", "to", "all", "cores", "to", "worker", "processes");
        try (Client client = Client.create()) {
            List<TaskFuture<Integer>> lengths = client.map(WordLengths::length, words);
            Map<Integer, Integer> histogram = new TreeMap<>();
            for (int n : client.gather(lengths)) histogram.merge(n, 1, Integer::sum);
            System.out.println("word lengths: " + histogram);
        }
    }
}
