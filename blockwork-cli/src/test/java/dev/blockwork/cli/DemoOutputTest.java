package dev.blockwork.cli;

import dev.blockwork.cli.demo.Demo;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code blockwork demo --quick}: every part prints its title at column 0, exactly as {@code demo --help} lists it,
 * and every line under it indented by two spaces (a printed array's later rows keep theirs, under the first); the quick sizes keep the parts' checks.
 */
class DemoOutputTest {
    @Test
    void everyPartsTitleIsItsLineInTheHelp() {
        String help = MainTest.run("demo", "--help").out();
        for (int p = 1; p <= 5; p++) {
            assertThat(help.lines()).as("demo --help lists part %d", p).contains("  " + p + "  " + Demo.title(p));
        }
    }

    @Test
    void quickPartsPrintTitlesAtColumnZeroAndEveryLineUnderThemTwoSpacesIn() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(1, 2, 3, 4), true);
        String out = bytes.toString(StandardCharsets.UTF_8);
        List<String> help = MainTest.run("demo", "--help").out().lines().toList();

        int titles = 0;
        String previous = "";
        for (String line : out.lines().toList()) {
            String above = previous;
            previous = line;
            if (line.isEmpty()) continue;
            if (line.startsWith("== (")) {
                titles++;
                String part = line.substring(4, 5);
                String title = line.substring(7, line.length() - " ==".length());
                assertThat(line).matches("== \\(\\d\\) .* ==");
                assertThat(help).as("the help line of part %s", part).contains("  " + part + "  " + title);
            } else if (above.endsWith(",")) {
                assertThat(line).as("a printed array's next row, under a title").startsWith("  ");
            } else {
                assertThat(line).as("a line under a title").matches("  \\S.*");
            }
        }
        assertThat(titles).isEqualTo(4);
        assertThat(out).contains("40000 (expected 40000)")                  // part 1: the lock kept every increment
                .contains("primes below 100,000:  9,592")                     // part 2: the pool's results
                .contains("sum 333,283,335,000")                          // sum of x*x below 10,000
                .contains("put 10,000 items")                                 // part 2: the queue lost none
                .contains("on a virtual thread")                              // part 3
                .contains("sum = 3000000.0")                                  // part 4
                .contains("part 4 took");
    }
}
