package dev.blockwork.array.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.zip.CRC32C;

/** Zarr v3's {@code crc32c}: the CRC-32C of the bytes, little-endian, appended; checked on read. */
final class Crc32cCodec extends ZarrCodec {
    private static final long serialVersionUID = 1L;

    @Override
    byte[] encode(byte[] raw, int typeSize) {
        CRC32C c = new CRC32C();
        c.update(raw);
        byte[] out = java.util.Arrays.copyOf(raw, raw.length + 4);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(raw.length, (int) c.getValue());
        return out;
    }

    @Override
    byte[] decode(byte[] src, String where) throws IOException {
        if (src.length < 4) throw new ZarrFormatException(where + ": truncated chunk, " + src.length + " bytes, expected a 4-byte crc32c at the end");
        CRC32C c = new CRC32C();
        c.update(src, 0, src.length - 4);
        int want = ByteBuffer.wrap(src).order(ByteOrder.LITTLE_ENDIAN).getInt(src.length - 4);
        if ((int) c.getValue() != want) {
            throw new ZarrFormatException(where + ": crc32c mismatch (stored " + Integer.toHexString(want) + ", computed "
                    + Integer.toHexString((int) c.getValue()) + "): the chunk is corrupt");
        }
        return java.util.Arrays.copyOf(src, src.length - 4);
    }

    @Override
    Map<String, Object> v2() { return null; }

    @Override
    String v3Name() { return "crc32c"; }

    @Override
    Map<String, Object> v3Configuration(int typeSize) { return map(); }
}
