package dev.blockwork.cli.demo;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an indent before the first byte of every non-empty line, so that a demo part's lines sit under its title
 * whatever the part prints. Empty lines stay empty.
 *
 * <p>Not thread-safe on its own: wrap it in a {@link java.io.PrintStream}, whose writes are atomic per call, so that
 * lines printed by several threads each get one indent.
 */
final class LineIndentingOutputStream extends FilterOutputStream {
    private final byte[] indent;
    private boolean atLineStart = true;

    /**
     * @param out    where the indented bytes go
     * @param indent what each non-empty line starts with (ASCII)
     */
    LineIndentingOutputStream(OutputStream out, String indent) {
        super(out);
        this.indent = indent.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void write(int b) throws IOException {
        if (atLineStart && b != '\n' && b != '\r') out.write(indent);
        out.write(b);
        atLineStart = b == '\n' || b == '\r'; // a bare \r rewrites the line (a progress bar): indent it again
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int from = off, end = off + len;
        for (int i = off; i < end; i++) {
            if (atLineStart && b[i] != '\n' && b[i] != '\r') {
                out.write(b, from, i - from);
                out.write(indent);
                from = i;
            }
            atLineStart = b[i] == '\n' || b[i] == '\r';
        }
        out.write(b, from, end - from);
    }
}
