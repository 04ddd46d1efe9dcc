package dev.blockwork.array.zarr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/** zlib (RFC 1950) and gzip (RFC 1952) from {@code java.util.zip}: always available, slower than the native codecs. */
final class DeflateCodec extends ZarrCodec {
    private static final long serialVersionUID = 1L;
    private final boolean gzip;
    private final int level;

    DeflateCodec(boolean gzip, int level) {
        if (level < 0 || level > 9) throw new IllegalArgumentException("got " + (gzip ? "gzip" : "zlib") + " level " + level + ", expected 0 to 9");
        this.gzip = gzip;
        this.level = level;
    }

    @Override
    byte[] encode(byte[] raw, int typeSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        try {
            if (gzip) {
                try (GZIPOutputStream g = new GZIPOutputStream(out, 1 << 16) {
                    { def.setLevel(level); }
                }) {
                    g.write(raw);
                }
                return out.toByteArray();
            }
            Deflater d = new Deflater(level);
            try {
                d.setInput(raw);
                d.finish();
                byte[] buf = new byte[1 << 16];
                while (!d.finished()) out.write(buf, 0, d.deflate(buf));
            } finally {
                d.end();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    @Override
    byte[] decode(byte[] src, String where) throws IOException {
        try {
            if (gzip) {
                try (GZIPInputStream g = new GZIPInputStream(new java.io.ByteArrayInputStream(src), 1 << 16)) {
                    return g.readAllBytes();
                }
            }
            Inflater inf = new Inflater();
            try {
                inf.setInput(src);
                ByteArrayOutputStream out = new ByteArrayOutputStream(src.length * 3 + 64);
                byte[] buf = new byte[1 << 16];
                while (!inf.finished()) {
                    int n = inf.inflate(buf);
                    if (n == 0 && (inf.needsInput() || inf.needsDictionary())) throw new java.io.EOFException("unexpected end of zlib stream");
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            } finally {
                inf.end();
            }
        } catch (IOException | DataFormatException e) {
            throw new ZarrFormatException(where + ": corrupt or truncated " + (gzip ? "gzip" : "zlib") + " chunk (" + e.getMessage() + ")", e);
        }
    }

    @Override
    Map<String, Object> v2() { return map("id", gzip ? "gzip" : "zlib", "level", level); }

    @Override
    String v3Name() { return gzip ? "gzip" : "numcodecs.zlib"; }

    @Override
    Map<String, Object> v3Configuration(int typeSize) { return map("level", level); }
}
