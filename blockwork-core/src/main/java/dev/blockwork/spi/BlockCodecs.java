package dev.blockwork.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The {@link BlockCodec}s on the class path, found once, in a fixed order (by block class name) so that two
 * JVMs with the same modules agree on it (transports may number them).
 */
public final class BlockCodecs {
    private static final List<BlockCodec<?>> ALL = load();

    private BlockCodecs() {}

    private static List<BlockCodec<?>> load() {
        List<BlockCodec<?>> l = new ArrayList<>();
        for (BlockCodec<?> c : ServiceLoader.load(BlockCodec.class, BlockCodecs.class.getClassLoader())) l.add(c);
        l.sort(Comparator.comparing(c -> c.type().getName()));
        return List.copyOf(l);
    }

    /** {@return every codec, ordered by the name of the class it moves (immutable)} */
    public static List<BlockCodec<?>> all() { return ALL; }

    /**
     * The codec for a block class.
     *
     * @param type the block's exact class
     * @param <T>  the block type
     * @return the codec for exactly {@code type}, or null if none is registered
     */
    @SuppressWarnings("unchecked")
    public static <T> BlockCodec<T> of(Class<T> type) {
        for (BlockCodec<?> c : ALL) if (c.type() == type) return (BlockCodec<T>) c;
        return null;
    }
}
