package io.chimera.insight.app;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, so it cannot drift from the build. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ChimeraCli.class.getPackage().getImplementationVersion();
        return new String[] {"chimera " + (version == null ? "development build" : version),
            "Java " + System.getProperty("java.version")};
    }
}
