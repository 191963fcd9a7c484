package dev.episodic.connect.cursoride;

import java.nio.file.Path;

/**
 * One discovered Cursor state database and the stream it feeds: a workspace's {@code state.vscdb} (with the
 * folder from its {@code workspace.json}) or the global one.
 *
 * @param stream   the stream name: {@code cursor-ide:ws:<workspace hash>} or {@code cursor-ide:global}
 * @param database the {@code state.vscdb} file
 * @param folder   the workspace folder or multi-root workspace file; null for the global database or when unknown
 */
record CursorDatabase(String stream, Path database, String folder) {
    static final String GLOBAL_STREAM = "cursor-ide:global";
    static final String WORKSPACE_PREFIX = "cursor-ide:ws:";

    boolean isGlobal() {
        return GLOBAL_STREAM.equals(stream);
    }
}
