package hitechkg;

import java.io.IOException;
import java.io.InputStream;

/**
 * Starts the Neo4j community server and ties its life to the process that launched it.
 *
 * <p>The Node process that spawns this JVM keeps its standard input open and never writes to it. When that
 * process ends for any reason (Ctrl-C, SIGTERM, a crash, even SIGKILL) the operating system closes the
 * pipe, the read below returns end-of-file, and we exit through Neo4j's shutdown hook, which closes the
 * store cleanly and releases its lock. No orphan JVM, no locked store.
 */
public final class ParentWatchdog {
    private ParentWatchdog() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(ParentWatchdog::exitWhenParentGoes, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        org.neo4j.server.CommunityEntryPoint.main(args);
    }

    private static void exitWhenParentGoes() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // Nothing is ever written; anything that arrives is ignored.
            }
        } catch (IOException closed) {
            // A broken pipe means the same as end-of-file: the parent is gone.
        }
        System.err.println("hitech-kg: parent process ended, shutting Neo4j down");
        System.exit(0);
    }
}
