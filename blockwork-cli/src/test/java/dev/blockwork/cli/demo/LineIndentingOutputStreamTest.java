package dev.blockwork.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's indenting stream: every line, however it ends and however it is written, starts indented. */
class LineIndentingOutputStreamTest {

    @Test
    void indentsEveryLineAfterLfCrLfAndABareCrButNotEmptyLines() throws IOException {
        String text = "a\nb\r\nc\rd\n\né\n";
        String want = "  a\n  b\r\n  c\r  d\n\n  é\n";
        ByteArrayOutputStream bulk = new ByteArrayOutputStream();
        try (LineIndentingOutputStream s = new LineIndentingOutputStream(bulk, "  ")) {
            s.write(text.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (LineIndentingOutputStream s = new LineIndentingOutputStream(single, "  ")) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) s.write(b);
        }
        assertThat(bulk.toString(StandardCharsets.UTF_8)).isEqualTo(want);
        assertThat(single.toString(StandardCharsets.UTF_8)).isEqualTo(want);
    }
}
