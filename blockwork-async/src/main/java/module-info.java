/** Blockwork async: asyncio-style structured concurrency on virtual threads. */
module dev.blockwork.async {
    requires transitive dev.blockwork.core;
    exports dev.blockwork.async;
}
