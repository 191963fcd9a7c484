package dev.episodic.connect.common.connector;

/** The plugin version Connect shows, read from the jar manifest (falls back for builds run from classes). */
public final class Versions {
    private static final String FALLBACK = "0.1.0-SNAPSHOT";

    private Versions() {
    }

    public static String projectVersion() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? FALLBACK : version;
    }
}
